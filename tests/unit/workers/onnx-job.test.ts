/** The ONNX report job of the import worker: what the page receives besides the rows. */
import { createOnnxImporter, MAX_DRAWN_NODES } from '../../../src/workers/onnx-client.ts';
import { importJob, ONNX_SERVE } from '../../../src/workers/onnx-job.ts';
import { diagnosticsView } from '../../../components/widgets/rf-diagnostics.ts';
import { exampleBytes } from '../../../components/widgets/shared/onnx-examples.ts';
import { reluChain } from '../../../scripts/onnx-chain.ts';
import { inProcessWorker } from './in-process-worker.ts';

const importer = () => createOnnxImporter(() => inProcessWorker(importJob, ONNX_SERVE));

describe('the report of the import worker', () => {
  it('carries the diagnostics panel of a small network, so the page diagnoses nothing itself', async () => {
    // Catches: a panel worked out in the worker that says something else than the page's own
    // diagnosis of the same network would (a lost field, another output node, another input size).
    const result = await importer().import(new File([exampleBytes('resnet')], 'resnet.onnx'));
    expect(result.network).not.toBeNull();
    expect(result.diagnostics).toEqual(diagnosticsView(result.network!));
    expect(result.diagnostics?.state).toBe('ok');
    // At another input size the panel follows the size the network was analysed at.
    const at64 = await importer().import(new File([exampleBytes('resnet')], 'resnet.onnx'), {
      input: { h: 64, w: 64 },
    });
    expect(at64.diagnostics?.input).toBe('64×64');
    expect(at64.diagnostics).toEqual(diagnosticsView(at64.network!));
  });

  it('sends neither the network nor its panel above MAX_DRAWN_NODES nodes', async () => {
    const result = await importer().import(new File([reluChain(MAX_DRAWN_NODES)], 'chain.onnx'));
    expect(result.rows.count).toBe(MAX_DRAWN_NODES + 2);
    expect(result.network).toBeNull();
    expect(result.diagnostics).toBeNull();
  });
});
