import fc from 'fast-check';
import { diagnose, type Layer, type Network } from '../../../../src/rf/index.ts';
import { findModel } from '../../../../src/rf/zoo/index.ts';
import { stackArb } from '../arbitraries.ts';
import { chain, conv } from '../builders.ts';

const c = (channels: number, layer: Layer): Layer => ({ ...layer, channels }) as Layer;

function resnet50(input: number): Network {
  const model = findModel('torchvision-resnet50');
  if (model === undefined) throw new Error('zoo model missing');
  return { ...model.network, input: { h: input, w: input } };
}

describe('border and critical layers (Richter et al. 2021, rfa_toolbox is_border)', () => {
  it('3×3 convolutions on a 5-pixel image: the layer whose inputs already see 5 px and that grows past it is a border layer', () => {
    // r = 3, 5, 7, 9. l3: every input sees 5 ≥ 5 and r = 7 > 5; l4 likewise. l2 only reaches 5 = N.
    const d = diagnose(chain(5, [conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1)]));
    expect(d.borderLayers).toEqual(['l3', 'l4']);
    expect(d.criticalLayers).toEqual([]);
  });

  it('a layer that crosses the image on its shortest path while its input does not is critical, not border', () => {
    // N = 6: r = 3, 5, 7; l3's input sees 5 < 6, its own r = 7 > 6.
    const d = diagnose(chain(6, [conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1)]));
    expect(d.borderLayers).toEqual([]);
    expect(d.criticalLayers).toEqual(['l3']);
  });

  it('at the border on one axis only (5 × 20 image): critical', () => {
    const d = diagnose(chain({ h: 5, w: 20 }, [conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1)]));
    expect(d.layers.find((l) => l.name === 'l3')?.atBorder).toEqual({ h: true, w: false });
    expect(d.borderLayers).toEqual([]);
    expect(d.criticalLayers).toEqual(['l3']);
  });

  it('a 3×3 window over a map of ≤ 3 cells acts as fully connected: border by the size rule', () => {
    // 8 → 4 → 2 (3×3/2, pad 1); l3 reads a 2 × 2 map with a 3 × 3 window. Its inputs see only 7 < 8 px.
    const d = diagnose(chain(8, [conv(3, 2, 1), conv(3, 2, 1), conv(3, 1, 1)]));
    expect(d.layers.find((l) => l.name === 'l2')?.minRf).toEqual({ h: 7, w: 7 });
    expect(d.borderLayers).toEqual(['l3']);
  });

  it('ResNet-50 at 32 × 32 (CIFAR size): layer3 is at the border, layer2 is not', () => {
    // Sizes 32 → 16 → 8 → 8 → 4 → 2 → 1. layer3's 3×3 convs after the first read 2 × 2 maps; its 1×1
    // conv3 reads conv2's shortest path 11 + 2·16 = 43 ≥ 32. layer2.1.conv2: input 11, own 11 + 2·8 = 27.
    const d = diagnose(resnet50(32), { at: 'layer4' });
    for (const name of ['layer3.1.conv2', 'layer3.1.conv3', 'layer4.0.conv2', 'layer4.2.conv3'])
      expect([name, d.borderLayers.includes(name)]).toEqual([name, true]);
    for (const name of ['layer2.1.conv2', 'layer3.0.conv2', 'conv1'])
      expect([name, d.borderLayers.includes(name) || d.criticalLayers.includes(name)]).toEqual([name, false]);
  });

  it('ResNet-50 at 224 × 224 has no border layer', () => {
    expect(diagnose(resnet50(224), { at: 'layer4' }).borderLayers).toEqual([]);
  });
});

describe('input-size range', () => {
  it('torchvision ResNet-50: shortest-path bound 75 as in rfa_toolbox, 97 with the fully-connected rule, up to 427', () => {
    // rfa_toolbox README: input_resolution_range(resnet50) = (75, 75), (427, 427). 75 = the shortest
    // path into layer4.1.conv3: 11 + (3 − 1)·32 through layer4.1.conv2. Layer4's 3×3 convs read maps of
    // ⌈R/32⌉-ish size: R = 96 gives 48, 24, 12, 6, 3 (a 3×3 window over 3 cells), R = 97 gives 49, 25,
    // 13, 7, 4. The output (layer4) covers 427 px along its longest path.
    const r = diagnose(resnet50(224), { at: 'layer4' }).inputRange;
    expect(r?.minByRf).toEqual({ h: 75, w: 75 });
    expect(r?.min).toEqual({ h: 97, w: 97 });
    expect(r?.max).toEqual({ h: 427, w: 427 });
    expect(r?.empty).toEqual({ h: false, w: false });
  });

  it('the lower end is the smallest size with no layer at the border on that axis, and it stays so above it (300 random stacks)', () => {
    let checked = 0;
    fc.assert(
      fc.property(stackArb(['w'], 5, 16), (net) => {
        // Paths through transposed convolution or upsampling can have an RF that depends on the map
        // size (README: the range is computed from the RFs at the given size); they are left out here.
        if (net.nodes.some((n) => n.layer.op === 'deconv' || n.layer.op === 'upsample')) return;
        const d = diagnose(net);
        if (!d.ok || d.inputRange === null) return;
        const min = d.inputRange.min.w;
        if (min === null || min > 200) return;
        const atBorder = (r: number) => {
          const at = diagnose({ ...net, input: { h: 1, w: r } });
          return !at.ok || at.layers.some((l) => l.atBorder !== null && l.atBorder.w);
        };
        // (An axis of one pixel has no spatial extent: every layer counts as at the border there.)
        for (let r = Math.max(min, 2); r < min + 12; r++) expect([r, atBorder(r)]).toEqual([r, false]);
        if (min > 2) expect([min - 1, atBorder(min - 1)]).toEqual([min - 1, true]);
        checked++;
      }),
      { numRuns: 300, seed: 8 },
    );
    expect(checked).toBeGreaterThan(80);
  }, 60_000);

  it('the upper end is the output’s longest-path RF; the range is empty when the lower end is above it', () => {
    // N = 5: l3 and l4 are border layers until N = 7 (l4: input 7, own 9 → 8), the output sees 9.
    const d = diagnose(chain(5, [conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1)]));
    expect(d.inputRange?.min).toEqual({ h: 8, w: 8 });
    expect(d.inputRange?.max).toEqual({ h: 9, w: 9 });
    const strided = diagnose(chain(64, [conv(3, 2, 1), conv(3, 2, 1), conv(3, 2, 1), conv(3, 2, 1)]));
    // r = 3, 7, 15, 31 at j = 2, 4, 8, 16; l4's 3 × 3 window needs a map > 3, i.e. 4 = ⌈R/8⌉: R ≥ 25.
    expect(strided.inputRange?.min).toEqual({ h: 25, w: 25 });
    expect(strided.inputRange?.max).toEqual({ h: 31, w: 31 });
    const deep = diagnose(
      chain(64, [conv(7, 2, 3), conv(3, 2, 1), conv(3, 2, 1), conv(3, 2, 1), conv(3, 2, 1), conv(1)]),
    );
    // l6 (1×1) reads 7 + 2·2 + 2·4 + 2·8 + 2·16 = 67 px on its shortest path: bound 67; the output sees 67.
    expect(deep.inputRange?.minByRf).toEqual({ h: 67, w: 67 });
    expect(deep.inputRange?.max).toEqual({ h: 67, w: 67 });
  });
});

describe('multiply-accumulates', () => {
  it('conv = n_out² · c_out · c_in/groups · k², hand-counted', () => {
    const net = chain(4, [
      c(8, conv(3, 1, 1)),
      { ...c(8, conv(3, 1, 1)), groups: 8 } as Layer,
      c(2, conv(1)),
    ]);
    const d = diagnose(net);
    // 16·8·3·9 = 3456; depthwise 16·8·1·9 = 1152; 1×1: 16·2·8 = 256.
    expect(d.layers.slice(1).map((l) => l.macs)).toEqual([3456, 1152, 256]);
    expect(d.macs?.total).toBe(3456 + 1152 + 256);
  });

  it('the share spent in border layers', () => {
    // N = 5, four 3×3 convs with 4 channels: 25·4·3·9 = 2700, then 3 × 25·4·4·9 = 3600; l3, l4 border.
    const net = chain(
      5,
      [1, 2, 3, 4].map(() => c(4, conv(3, 1, 1))),
    );
    const d = diagnose(net);
    expect(d.macs).toEqual({ total: 2700 + 3 * 3600, border: 7200, share: 7200 / 13500 });
  });

  it('unknown channels: no total, and the first convolution without them is named', () => {
    const d = diagnose(chain(8, [conv(3)]));
    expect(d.macs).toBeNull();
    expect(d.macsUnknown).toBe('l1');
  });

  it('torchvision ResNet-50: convolutions plus the 2048 × 1000 classifier make the documented 4.09 GMACs', () => {
    // torchvision's model table lists ResNet50_Weights.IMAGENET1K_V1 at 4.09 GFLOPS (multiply-adds).
    const d = diagnose(resnet50(224), { at: 'layer4' });
    expect(Math.round(((d.macs?.total ?? 0) + 2048 * 1000) / 1e7) / 100).toBe(4.09);
  });
});
