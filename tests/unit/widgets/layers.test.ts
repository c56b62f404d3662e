import { analyze, stackToNetwork } from '../../../src/rf';
import { conv1d, squareWindow } from '../../../components/widgets/shared/layers';

describe('layers from a lesson’s numbers', () => {
  it('a square window takes k, s, p and d on both axes, with stride 1, no padding and dilation 1 by default', () => {
    // 9 × 9 input, 3 × 3 dilated by 2 (k_eff = 5), stride 2, padding 1: n = ⌊(9 + 2 − 5)/2⌋ + 1 = 4, r = 5.
    const net = stackToNetwork({ h: 9, w: 9 }, [
      { op: 'conv', ...squareWindow({ k: 3, s: 2, p: 1, d: 2 }) },
      { op: 'conv', ...squareWindow({ k: 3 }) },
    ]);
    const [first, second] = analyze(net).layers.slice(1);
    expect(first?.size).toEqual({ h: 4, w: 4 });
    expect(first?.rf).toEqual({ h: 5, w: 5 });
    // Then 3 × 3, stride 1, unpadded: n = 4 − 3 + 1 = 2, r = 5 + (3 − 1)·2 = 9.
    expect(second?.size).toEqual({ h: 2, w: 2 });
    expect(second?.rf).toEqual({ h: 9, w: 9 });
  });

  it('a 1-D convolution works along w and leaves a map of height 1 as it is', () => {
    // The lecture's first layer: n = ⌊(5 + 2 − 3)/2⌋ + 1 = 3, r = 3.
    const net = stackToNetwork({ h: 1, w: 5 }, [conv1d({ k: 3, s: 2, p: 1 })]);
    const layer = analyze(net).layers.at(-1);
    expect(layer?.size).toEqual({ h: 1, w: 3 });
    expect(layer?.rf).toEqual({ h: 1, w: 3 });
  });
});
