/**
 * One ONNX import as a worker job (protocol: ./rpc.ts; payload, progress and result types:
 * ./onnx-client.ts).
 */
import { handleImportRequest } from '../rf/onnx/import.ts';
import type { ImportFailure, ImportResult, WorkerResponse } from '../rf/onnx/protocol.ts';
import type { OnnxImportPayload, OnnxImportProgress } from './onnx-client.ts';
import type { RpcJob, RpcOutcome, ServeOptions } from './rpc.ts';

/** Runs the importer's request handler for one call, relaying its progress. */
export async function importJob(
  payload: OnnxImportPayload,
  job: RpcJob<OnnxImportProgress>,
): Promise<RpcOutcome<ImportResult, ImportFailure>> {
  let last: WorkerResponse | null = null;
  await handleImportRequest({ type: 'import', id: job.id, ...payload }, (message) => {
    if (message.type === 'progress') job.progress({ loaded: message.loaded, total: message.total });
    else last = message;
  });
  const outcome = last as WorkerResponse | null;
  if (outcome?.type === 'result') return { ok: true, value: outcome };
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
