/**
 * One ONNX report as a worker job (protocol: ./rpc.ts; payload, progress and result types:
 * ./onnx-client.ts): the file is read and mapped, the network analysed, and the rows the report
 * shows are built here, so the page receives a few columns instead of the graph and never walks it.
 */
import { analyze } from '../rf/analyze.ts';
import { own } from '../rf/dict.ts';
import { handleImportRequest } from '../rf/onnx/import.ts';
import type { ImportFailure, ImportResult, WorkerResponse } from '../rf/onnx/protocol.ts';
import { buildRows, rowBuffers } from '../../components/widgets/onnx-rows.ts';
import { diagnosticsView } from '../../components/widgets/rf-diagnostics.ts';
import type { Analysis } from '../rf/analyze.ts';
import {
  MAX_DRAWN_NODES,
  type OnnxImportPayload,
  type OnnxRegionPayload,
  type OnnxImportProgress,
  type OnnxReportResult,
} from './onnx-client.ts';
import type { RpcJob, RpcOutcome, ServeOptions } from './rpc.ts';
import type { UnitRegion } from '../rf/unit-region.ts';

/**
 * The report of an imported model: the engine's analysis as rows, and when the network is small the
 * network itself with its diagnostics panel (so the page diagnoses nothing of its own).
 */
/** The analysis of the last small network imported, kept to answer its regions, and its token. */
let kept: { of: number; analysis: Analysis } | null = null;

export function reportOf(
  imported: ImportResult,
  of = 0,
): { value: OnnxReportResult; transfer: ArrayBuffer[] } {
  const { network, tensors: _tensors, ops, ...rest } = imported;
  const analysis = analyze(network);
  const rows = buildRows(analysis, (name) => own(ops, name));
  const small = network.nodes.length <= MAX_DRAWN_NODES;
  kept = small ? { of, analysis } : null;
  return {
    value: {
      ...rest,
      network: small ? network : null,
      diagnostics: small ? diagnosticsView(network, null, analysis) : null,
      layers: small ? analysis.layers : null,
      regionsOf: small ? of : null,
      input: network.input,
      ok: analysis.ok,
      error: analysis.issues.find((i) => i.severity === 'error')?.message ?? null,
      rows,
    },
    transfer: rowBuffers(rows),
  };
}

/** The region of a unit of the last small network imported (an error once another file replaced it). */
function regionJob({ region }: OnnxRegionPayload, id: number): RpcOutcome<UnitRegion, ImportFailure> {
  if (kept === null || kept.of !== region.of)
    return { ok: false, error: { type: 'error', id, kind: 'internal', message: 'That network is gone.' } };
  return { ok: true, value: kept.analysis.region(region.node, region.unit) };
}

/**
 * Runs one call: an import (the importer's request handler, relaying its progress, then the
 * network's analysis), or a region of the network imported last.
 */
export async function importJob(
  payload: OnnxImportPayload | OnnxRegionPayload,
  job: RpcJob<OnnxImportProgress>,
): Promise<RpcOutcome<OnnxReportResult | UnitRegion, ImportFailure>> {
  if ('region' in payload) return regionJob(payload, job.id);
  let last: WorkerResponse | null = null;
  await handleImportRequest({ type: 'import', id: job.id, ...payload }, (message) => {
    if (message.type === 'progress') job.progress({ loaded: message.loaded, total: message.total });
    else last = message;
  });
  const outcome = last as WorkerResponse | null;
  if (outcome?.type === 'result') {
    if (job.cancelled)
      return { ok: false, error: { type: 'error', id: job.id, kind: 'internal', message: '' } };
    job.progress({ loaded: payload.file.size, total: payload.file.size, phase: 'analyse' });
    const { value, transfer } = reportOf(outcome, job.id);
    return { ok: true, value, transfer };
  }
  if (outcome?.type === 'error') return { ok: false, error: outcome };
  return {
    ok: false,
    error: { type: 'error', id: job.id, kind: 'internal', message: 'The import gave no answer.' },
  };
}

/** How the import worker serves calls. */
export const ONNX_SERVE: ServeOptions<ImportFailure> = {
  internalError: (error): ImportFailure => ({
    type: 'error',
    id: 0,
    kind: 'internal',
    message: error instanceof Error ? error.message : String(error),
  }),
};
