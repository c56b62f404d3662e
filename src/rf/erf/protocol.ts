/**
 * Messages between a page and the ERF worker. A widget imports only these types; the worker
 * does the numbers.
 */
import type { ErfConfig, ErfError } from './config';
import type { ErfMetrics } from './metrics';
import type { ErfFrame } from './run';

/** Page → worker: start a run (a new start supersedes any run in progress). */
export interface ErfStartMessage {
  type: 'start';
  id: number;
  config: ErfConfig;
}

/** Page → worker: stop run `id` after the draw in progress. */
export interface ErfCancelMessage {
  type: 'cancel';
  id: number;
}

/** Everything the page may send. */
export type ErfRequest = ErfStartMessage | ErfCancelMessage;

/** Worker → page after every draw: the running-average map (row-major, transferred) and its metrics. */
export interface ErfProgressMessage {
  type: 'progress';
  id: number;
  done: number;
  total: number;
  map: Float32Array;
  width: number;
  height: number;
  metrics: ErfMetrics;
}

/** Worker → page: run `id` finished all its draws. */
export interface ErfDoneMessage {
  type: 'done';
  id: number;
}

/** Worker → page: run `id` could not start (invalid config) or failed; errors name the field. */
export interface ErfErrorMessage {
  type: 'error';
  id: number;
  errors: ErfError[];
}

/** Everything the worker may send. */
export type ErfResponse = ErfProgressMessage | ErfDoneMessage | ErfErrorMessage;

/** Converts a frame to its progress message; the Float32 map is a new buffer, so it can be transferred. */
export function frameToProgress(id: number, frame: ErfFrame): ErfProgressMessage {
  return {
    type: 'progress',
    id,
    done: frame.done,
    total: frame.total,
    map: Float32Array.from(frame.map),
    width: frame.width,
    height: frame.height,
    metrics: frame.metrics,
  };
}
