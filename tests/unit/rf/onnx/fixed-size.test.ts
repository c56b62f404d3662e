/** Files that fix their own sizes: analysed at another --input they stop with words, not an axis error. */
import { describe, expect, test } from 'vitest';
import en from '../../../../src/i18n/en.json';
import ru from '../../../../src/i18n/ru.json';
import { seedModels } from './fixtures.ts';
import { GraphBuilder } from './onnx-builder.ts';
import { load, row } from './helpers.ts';

/** A static 16×16 export: conv 3×3 (valid, 14×14), then Resize back to the constant size 16×16. */
function staticModel(): Uint8Array<ArrayBuffer> {
  const b = new GraphBuilder();
  const c = b.conv('x', 'conv', 3);
  const u = b.node(
    'Resize',
    [c, '', '', b.int64('sizes', [1, 1, 16, 16])],
    { mode: 'linear', coordinate_transformation_mode: 'half_pixel' },
    'up',
  );
  return b.build({ inputShape: [1, 1, 16, 16], output: u });
}

describe('a file that fixes its own sizes', () => {
  test('at its own size a constant Resize target is fine (14 → 16, j = 14/16 = 7/8)', async () => {
    const r = await load(staticModel());
    expect(r.stoppedAt).toBeNull();
    expect(row(r.analysis, 'up').n).toEqual([16, 16]);
    expect(r.analysis.layers.find((l) => l.name === 'up')!.jump.h).toEqual({ num: 7, den: 8 });
  });

  test('at another size the Resize with constant targets stops and says why', async () => {
    const r = await load(staticModel(), { h: 32, w: 32 });
    expect(r.stoppedAt).toMatchObject({
      node: 'up',
      op: 'Resize',
      reason:
        'this file was exported for 16 × 16: its Resize targets are constants; export with dynamic axes to analyse other sizes',
      fixedSize: { fixedFor: { h: 16, w: 16 }, what: 'resize' },
    });
    expect(r.network.nodes.map((n) => n.name)).toEqual(['conv']);
  });

  test('a Reshape whose constant shape no longer fits names the exported size and keeps the detail', async () => {
    // The seed's Reshape targets [1, 8, 36, 36], which only fits the 16 × 16 input it was built for.
    const seed = seedModels()[0]!;
    const r = await load(seed.bytes, { h: 32, w: 32 });
    expect(r.stoppedAt).toMatchObject({
      node: 'reshape',
      fixedSize: { fixedFor: { h: 16, w: 16 }, what: 'reshape' },
      reason: expect.stringMatching(/^this file was exported for 16 × 16: .*dynamic axes.*element count/),
    });
  });

  test('branches that both follow the input are no false alarm', async () => {
    const b = new GraphBuilder();
    const p = b.node('MaxPool', ['x'], { kernel_shape: [2, 2], strides: [2, 2] }, 'pool');
    const q = b.node(
      'AveragePool',
      ['x'],
      { kernel_shape: [4, 4], strides: [2, 2], pads: [1, 1, 1, 1] },
      'avg',
    );
    const y = b.node('Concat', [p, q], { axis: 1 }, 'cat');
    const bytes = b.build({ inputShape: [1, 1, 16, 16], output: y });
    expect((await load(bytes, { h: 32, w: 32 })).stoppedAt).toBeNull();
  });

  test('the widget words it in both languages', () => {
    for (const what of ['resize', 'merge', 'reshape'] as const) {
      const key = `widget.onnx.fixedSize.${what}` as const;
      expect(en[key]).toMatch(/\{h\} × \{w\}.*dynamic axes/);
      expect(ru[key]).toMatch(/\{h\} × \{w\}.*динамическими осями/);
    }
  });
});
