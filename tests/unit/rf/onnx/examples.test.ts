/** The report's example models (files of the site, written with protobufjs at build time). */
import { bytesSource } from '../../../../src/rf/onnx/byte-source.ts';
import { importOnnx } from '../../../../src/rf/onnx/import.ts';
import { analyze } from '../../../../src/rf/index.ts';
import { exampleBytes } from '../../../../components/widgets/shared/onnx-examples.ts';
import { EXAMPLE_FILE_NAMES } from '../../../../components/widgets/shared/onnx-example-file.ts';

test("the lecture's example reads back as the lecture's Layer 0 → 1 → 2", async () => {
  // The seed's example: 5×5 input, conv 3×3 s2 p1 twice. n 5 → 3 → 2, j 1 → 2 → 4, r 1 → 3 → 7,
  // start 0.5 → 0.5 → 0.5 (pixel i spans [i, i + 1)).
  const imp = await importOnnx(bytesSource(exampleBytes('lecture')));
  expect(imp.stoppedAt).toBeNull();
  expect(imp.model.producer).toBe('rf-lab-example');
  expect(imp.model.opset).toBe(17);
  const rows = analyze(imp.network).layers.map((l) => [l.name, l.size.h, l.jump.h.num, l.rf.h, l.start.h]);
  expect(rows).toEqual([
    ['input', 5, 1, 1, { num: 1, den: 2 }],
    ['conv1', 3, 2, 3, { num: 1, den: 2 }],
    ['relu1', 3, 2, 3, { num: 1, den: 2 }],
    ['conv2', 2, 4, 7, { num: 1, den: 2 }],
  ]);
});

test('every example has a file name and imports to the end', async () => {
  for (const id of Object.keys(EXAMPLE_FILE_NAMES) as (keyof typeof EXAMPLE_FILE_NAMES)[]) {
    expect(EXAMPLE_FILE_NAMES[id]).toMatch(/^[a-z-]+\.onnx$/);
    const imp = await importOnnx(bytesSource(exampleBytes(id)));
    expect(imp.stoppedAt).toBeNull();
    expect(imp.unsupported).toEqual([]);
  }
});
