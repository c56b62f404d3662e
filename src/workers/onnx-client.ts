/**
 * The ONNX import worker's client for pages, over the one worker protocol (./rpc-client.svelte.ts):
 * `const importer = createOnnxImporter(factory); const result = await importer.import(file)`.
 * The worker is created on the first import; a worker that fails to start or crashes rejects the
 * imports in flight, and the next import starts a fresh one.
 */
import type { Axes, Network } from '../rf/types.ts';
import type { LayerResult } from '../rf/analyze.ts';
import type { UnitRegion } from '../rf/unit-region.ts';
import type { ImportFailure, ImportResult } from '../rf/onnx/protocol.ts';
import type { ReportRows } from '../../components/widgets/onnx-rows.ts';
import type { DiagnosticsView } from '../../components/widgets/rf-diagnostics.ts';
import { createRpcClient, RpcFailure, type RpcWorkerLike } from './rpc-client.svelte.ts';

/** A call's payload: the file, and optionally another input size. */
export interface OnnxImportPayload {
  file: Blob;
  input?: Axes<number>;
}

/**
 * A question about the network of an earlier import (`of`: that import's `regionsOf`): the input
 * region of `unit` of `node`, answered from the worker's own analysis.
 */
export interface OnnxRegionPayload {
  region: { of: number; node: string; unit: Axes<number> };
}

/** Reading progress in bytes; phase 'analyse' once the file is read and the network is analysed. */
export interface OnnxImportProgress {
  loaded: number;
  total: number;
  phase?: 'read' | 'analyse';
}

/** Models with up to this many network nodes come back with their network (to draw a unit's region). */
export const MAX_DRAWN_NODES = 1000;

/**
 * What the worker answers: the model's description and the analysis as compact rows (see
 * components/widgets/onnx-rows.ts). The tensor and operator tables stay in the worker.
 */
export interface OnnxReportResult extends Omit<ImportResult, 'network' | 'tensors' | 'ops'> {
  /** The network at the analysed size when it has at most MAX_DRAWN_NODES nodes, else null. */
  network: Network | null;
  /** The input size the network was analysed at. */
  input: Axes<number>;
  /** False when the engine reported an error (the network does not fit this input size…). */
  ok: boolean;
  /** The engine's first error message, or null. */
  error: string | null;
  rows: ReportRows;
  /** The diagnostics panel of `network` (worked out here once), or null when the network is not sent. */
  diagnostics: DiagnosticsView | null;
  /** The analysis's rows of `network` (null when it is not sent): what the photograph reads per node. */
  layers: LayerResult[] | null;
  /** The token to ask this network's regions with (`OnnxImporter.region`); null when it is not sent. */
  regionsOf: number | null;
}

/** The part of a Worker the importer uses (a real Worker, or an in-process stand-in in tests). */
export type OnnxWorkerLike = RpcWorkerLike<
  OnnxImportPayload | OnnxRegionPayload,
  OnnxReportResult | UnitRegion,
  OnnxImportProgress,
  ImportFailure
>;

/** Rejections carry the worker's message and kind. */
export class OnnxImportFailure extends Error {
  override name = 'OnnxImportFailure';
  constructor(readonly failure: ImportFailure) {
    super(failure.message);
  }
}

export interface OnnxImporter {
  import(
    file: Blob,
    options?: {
      input?: Axes<number>;
      onProgress?: (loaded: number, total: number, phase: 'read' | 'analyse') => void;
    },
  ): Promise<OnnxReportResult>;
  /** The input region of `unit` of `node` in the network of the import whose `regionsOf` is `of`. */
  region?(of: number, node: string, unit: Axes<number>): Promise<UnitRegion>;
}

/** An importer over the worker `factory` creates (once, on the first import). */
export function createOnnxImporter(factory: () => OnnxWorkerLike): OnnxImporter {
  const rpc = createRpcClient(factory, { describe: (failure: ImportFailure) => failure.message });
  return {
    async import(file, options = {}) {
      const { onProgress } = options;
      const call = rpc.call(
        { file, ...(options.input ? { input: options.input } : {}) },
        onProgress ? (p) => onProgress(p.loaded, p.total, p.phase ?? 'read') : undefined,
      );
      try {
        return (await call.result) as OnnxReportResult;
      } catch (error) {
        if (error instanceof RpcFailure && error.reason === 'error') {
          throw new OnnxImportFailure(error.error as ImportFailure);
        }
        throw error;
      }
    },
    async region(of, node, unit) {
      return (await rpc.call({ region: { of, node, unit } }).result) as UnitRegion;
    },
  };
}
