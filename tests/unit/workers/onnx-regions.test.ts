/**
 * The ONNX report's photograph asks the import worker for regions (the page evaluates nothing).
 * Catches: a region of another network than the one on screen (a stale token answered), rows the
 * photograph needs left out of the report, a region that differs from the lecture's numbers.
 */
import { createOnnxImporter } from '../../../src/workers/onnx-client.ts';
import { importJob, ONNX_SERVE } from '../../../src/workers/onnx-job.ts';
import { reluChain } from '../../../scripts/onnx-chain.ts';
import { GraphBuilder } from '../rf/onnx/onnx-builder.ts';
import { inProcessWorker } from './in-process-worker.ts';

/** Input 5×5, two 3×3 convolutions with stride 2 and padding 1 (the lecture's example). */
function lectureBytes(): Uint8Array<ArrayBuffer> {
  const b = new GraphBuilder();
  const c1 = b.conv('x', 'c1', 3, { s: 2, pads: [1, 1, 1, 1], cout: 4 });
  const c2 = b.conv(c1, 'c2', 3, { s: 2, pads: [1, 1, 1, 1], cin: 4, cout: 4 });
  return b.build({ inputShape: [1, 3, 5, 5], output: c2 });
}

describe('regions from the import worker', () => {
  it('answers a unit of the imported network with the lecture numbers', async () => {
    const importer = createOnnxImporter(() => inProcessWorker(importJob, ONNX_SERVE));
    const result = await importer.import(new File([lectureBytes()], 'lecture.onnx'));
    expect(result.regionsOf).not.toBeNull();
    // The photograph's per-node rows: conv2 has r = 7, j = 4 (lecture: r2 = 3 + 2·2, j2 = 2·2).
    const c2 = result.layers?.find((l) => l.name === 'c2');
    expect(c2?.rf).toEqual({ h: 7, w: 7 });
    expect(c2?.jump.w).toEqual({ num: 4, den: 1 });
    // Unit 0 of conv2 reads conv1 units −1…1, i.e. pixels −3…3; on the 5-pixel image 0…3.
    const region = await importer.region!(result.regionsOf!, 'c2', { h: 0, w: 0 });
    expect(region.ok).toBe(true);
    expect(region.unclipped.w).toEqual({ lo: -3, hi: 3 });
    expect(region.clipped.w).toEqual({ lo: 0, hi: 3 });
    expect(region.clipped.h).toEqual({ lo: 0, hi: 3 });
    // The middle unit (1, 1): pixels 1…7 unclipped, 1…4 on the image.
    const middle = await importer.region!(result.regionsOf!, 'c2', { h: 1, w: 1 });
    expect(middle.unclipped.h).toEqual({ lo: 1, hi: 7 });
    expect(middle.clipped.w).toEqual({ lo: 1, hi: 4 });
  });

  it('refuses a token of a network another import replaced, and sends none above MAX_DRAWN_NODES', async () => {
    const importer = createOnnxImporter(() => inProcessWorker(importJob, ONNX_SERVE));
    const first = await importer.import(new File([lectureBytes()], 'lecture.onnx'));
    const second = await importer.import(new File([lectureBytes()], 'again.onnx'));
    expect(second.regionsOf).not.toBe(first.regionsOf);
    await expect(importer.region!(first.regionsOf!, 'c2', { h: 0, w: 0 })).rejects.toThrow('gone');
    await expect(importer.region!(second.regionsOf!, 'c2', { h: 0, w: 0 })).resolves.toMatchObject({
      ok: true,
    });
    const large = await importer.import(new File([reluChain(1001)], 'chain.onnx'));
    expect(large.regionsOf).toBeNull();
    expect(large.layers).toBeNull();
    await expect(importer.region!(second.regionsOf!, 'c2', { h: 0, w: 0 })).rejects.toThrow('gone');
  });
});
