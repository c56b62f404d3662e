/** The worker's request handler and the page-side client, without a real Worker. */
import { handleImportRequest } from '../../../../src/rf/onnx/import.ts';
import { createOnnxImporter, OnnxImportFailure } from '../../../../src/workers/onnx-client.ts';
import { importJob, ONNX_SERVE } from '../../../../src/workers/onnx-job.ts';
import type { WorkerResponse } from '../../../../src/rf/onnx/protocol.ts';
import { inProcessWorker } from '../../workers/in-process-worker.ts';
import { seedModels } from './fixtures.ts';

const fakeWorker = () => inProcessWorker(importJob, ONNX_SERVE);

test('a File in, a structured-clonable result out', async () => {
  const seed = seedModels()[0]!;
  const posted: WorkerResponse[] = [];
  await handleImportRequest({ type: 'import', id: 7, file: new File([seed.bytes], 'm.onnx') }, (m) =>
    posted.push(structuredClone(m)),
  );
  const last = posted.at(-1)!;
  expect(last.type).toBe('result');
  if (last.type !== 'result') return;
  expect(last.id).toBe(7);
  expect(last.network.input).toEqual({ h: 16, w: 16 });
  expect(last.model.producer).toBe('fixture-builder');
  expect(last.model.nodeCount).toBeGreaterThan(5);
  expect(last.stoppedAt).toBeNull();
});

test('a fixed Reshape that no longer fits an overridden input size stops with a message', async () => {
  const seed = seedModels()[0]!;
  const posted: WorkerResponse[] = [];
  await handleImportRequest(
    { type: 'import', id: 8, file: new File([seed.bytes], 'm.onnx'), input: { h: 32, w: 32 } },
    (m) => posted.push(m),
  );
  const last = posted.at(-1)!;
  expect(last.type === 'result' && last.stoppedAt).toMatchObject({
    node: 'reshape',
    reason: expect.stringMatching(/element count/),
  });
});

test('errors come back as messages', async () => {
  const posted: WorkerResponse[] = [];
  await handleImportRequest({ type: 'import', id: 'a', file: new Blob([new Uint8Array([1, 2, 3])]) }, (m) =>
    posted.push(m),
  );
  expect(posted).toEqual([{ type: 'error', id: 'a', kind: 'format', message: expect.any(String) }]);
  const bad: WorkerResponse[] = [];
  await handleImportRequest({ type: 'nope', id: 3 }, (m) => bad.push(m));
  expect(bad[0]).toMatchObject({ type: 'error', id: 3 });
});

test('client wrapper resolves results and rejects failures', async () => {
  const importer = createOnnxImporter(fakeWorker);
  const seed = seedModels()[1]!;
  const result = await importer.import(new Blob([seed.bytes]), { input: { h: 64, w: 48 } });
  expect(result.network?.input).toEqual({ h: 64, w: 48 });
  expect(result.input).toEqual({ h: 64, w: 48 });
  await expect(importer.import(new Blob([new Uint8Array(0)]))).rejects.toBeInstanceOf(OnnxImportFailure);
});
