/**
 * What the page and the ERF worker say to each other over the protocol in `./rpc.ts`: a call's
 * payload is an `ErfConfig`; progress comes after every draw; the result is empty (all draws done);
 * an error lists what is wrong with the config, naming the field.
 */
import type { ErfConfig, ErfError } from '../rf/erf/config';
import type { ErfMetrics } from '../rf/erf/metrics';
import type { ErfFrame } from '../rf/erf/run';
import type { RpcRequest, RpcResponse } from './rpc';

/** After every draw: the running-average map (row-major, transferred) and its metrics. */
export interface ErfProgressMessage {
  done: number;
  total: number;
  map: Float32Array;
  width: number;
  height: number;
  metrics: ErfMetrics;
}

/** Everything the page may send. */
export type ErfRequest = RpcRequest<ErfConfig>;

/** Everything the worker may send. */
export type ErfResponse = RpcResponse<null, ErfProgressMessage, ErfError[]>;

/** Converts a frame to its progress message; the Float32 map is a new buffer, so it can be transferred. */
export function frameToProgress(frame: ErfFrame): ErfProgressMessage {
  return {
    done: frame.done,
    total: frame.total,
    map: Float32Array.from(frame.map),
    width: frame.width,
    height: frame.height,
    metrics: frame.metrics,
  };
}
