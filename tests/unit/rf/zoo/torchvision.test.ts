/**
 * torchvision models. No published table covers these exact definitions, so each expected row is derived
 * by hand from the closed forms along the longest path (every layer with kernel k_l, stride s_l, padding
 * p_l before, and input jump J_l = Π_{i<l} s_i):
 *
 *   r = 1 + Σ (k_l − 1)·J_l,   S = Π s_l,   P = Σ p_l·J_l.
 *
 * 1×1 convolutions contribute nothing and are left out of the sums. Derivations:
 *
 * alexnet (features; conv 11/4/p2, pool 3/2, conv 5/p2, pool 3/2, 3 × conv 3/p1, pool 3/2):
 *   J = 1, 4, 8, 8, 16, 16, 16, 16
 *   r = 1 + 10·1 + 2·4 + 4·8 + 2·8 + 3·(2·16) + 2·16 = 195;  S = 4·2·2·2 = 32
 *   P = 2·1 + 2·8 + 3·(1·16) = 66
 *
 * vgg16 (features; 3×3/p1 convs at J = 1 (2), 2 (2), 4 (3), 8 (3), 16 (3); 2×2/2 pools at J = 1…16):
 *   r = 1 + 2·(2 + 4 + 12 + 24 + 48) + (1 + 2 + 4 + 8 + 16) = 212;  S = 32;  P = 2 + 4 + 12 + 24 + 48 = 90
 *   (the same figures as TF-slim's vgg_16, whose SAME 3×3 convs also pad 1 on each side.)
 *
 * resnet18 (layer4; conv1 7/2/p3 at J=1, maxpool 3/2/p1 at J=2, then 3×3/p1 convs: 4 at J=4, the
 *   strided conv1 of layer2 at J=4, 3 at J=8, layer3's strided at J=8, 3 at J=16, layer4's strided at
 *   J=16, 3 at J=32):
 *   Σ J over the 3×3 convs = 16 + 4 + 24 + 8 + 48 + 16 + 96 = 212
 *   r = 1 + 6 + 2·2 + 2·212 = 435;  S = 32;  P = 3 + 2 + 212 = 217
 *
 * resnet50 (layer4; stride on the 3×3 conv2 of the first block of layers 2–4, "v1.5"; 3×3 convs: 3 at
 *   J=4, 1 at J=4 + 3 at J=8, 1 at J=8 + 5 at J=16, 1 at J=16 + 2 at J=32):
 *   Σ J = 12 + 4 + 24 + 8 + 80 + 16 + 64 = 208
 *   r = 1 + 6 + 4 + 2·208 = 427;  S = 32;  P = 3 + 2 + 208 = 213
 *
 * mobilenet_v2 (features; stem 3×3/2/p1 at J=1; depthwise 3×3/p1: 1 at J=2; 1 at J=2 + 1 at J=4;
 *   1 at J=4 + 2 at J=8; 1 at J=8 + 3 at J=16; 3 at J=16; 1 at J=16 + 2 at J=32; 1 at J=32):
 *   Σ J = 1 + 2 + 2 + 4 + 4 + 16 + 8 + 48 + 48 + 16 + 64 + 32 = 245
 *   r = 1 + 2·245 = 491;  S = 32;  P = 245
 *
 * densenet121 (features; conv0 7/2/p3 at J=1, pool0 3/2/p1 at J=2; dense layers' 3×3/p1 convs chained
 *   through the concatenations: 6 at J=4, 12 at J=8, 24 at J=16, 16 at J=32; transition 2×2/2 average
 *   pools at J = 4, 8, 16):
 *   Σ J (3×3) = 24 + 96 + 384 + 512 = 1016
 *   r = 1 + 6 + 2·2 + 2·1016 + (4 + 8 + 16) = 2071;  S = 32;  P = 3 + 2 + 1016 = 1021
 *
 * inception_v3 (Mixed_7c, 299×299; stem 3×3/2, 3×3, 3×3/p1 at J=2, pool 3/2, 1×1, 3×3, pool 3/2 gives
 *   r = 1 + 2 + 4 + 4 + 4 + 8 + 8 = 31 at J=8, P = 2·1 = 2; then per block, longest path per axis:
 *   Mixed_5b–d: 5×5/p2 (or two 3×3/p1) at J=8: +32 each, P +16 each → r 127, P 50
 *   Mixed_6a: 3×3/p1 and 3×3/2 at J=8: r +32 = 159, P +8 = 58, J → 16
 *   Mixed_6b–e: two 7-taps/p3 per axis at J=16: r +192 each = 927, P +96 each = 442
 *   Mixed_7a: one 7-tap/p3 then 3×3/2 at J=16: r +128 = 1055, P +48 = 490, J → 32
 *   Mixed_7b–c: 3×3/p1 then a 3-tap/p1 per axis at J=32: r +128 each = 1311, P +64 each = 618
 *   so r = 1311, S = 32, P = 618, the TF-slim figures: every padded layer here is stride 1 and symmetric.
 *
 * googlenet (inception5b; conv1 7/2/p3 at J=1, ceil-mode maxpool 3/2 at J=2, conv3 3×3/p1 at J=4,
 *   maxpool 3/2 at J=4; one 3×3/p1 per module: 2 at J=8, maxpool 3/2 at J=8, 5 at J=16, maxpool 2/2 at
 *   J=16, 2 at J=32; ceil mode adds outputs on the far side but does not move existing windows):
 *   r = 1 + 6 + 4 + 8 + 8 + 2·(16 + 80 + 64) + 16 + 16 = 379;  S = 32
 *   P = 3 + 4 + 16 + 80 + 64 = 167
 *
 * efficientnet_b0 (features; stem 3×3/2/p1 at J=1; depthwise k×k/p(k−1)/2: k3 at J=2; k3 at J=2 and J=4;
 *   k5 at J=4 and J=8; k3 at J=8 + 2 at J=16; 3 × k5 at J=16; k5 at J=16 + 3 at J=32; k3 at J=32):
 *   r = 1 + 2 + 4 + 4 + 8 + 16 + 32 + 16 + 64 + 192 + 64 + 384 + 64 = 851;  S = 32
 *   P = (r − 1)/2 = 425 (every padding is half the kernel extent)
 */
import { both, model, rspOf } from './helpers.ts';
import type { Rsp } from './helpers.ts';

const ROWS: readonly (readonly [id: string, endpoint: string, input: number, row: Rsp])[] = [
  ['torchvision-alexnet', 'features', 224, { r: 195, s: 32, p: 66 }],
  ['torchvision-vgg16', 'features', 224, { r: 212, s: 32, p: 90 }],
  ['torchvision-resnet18', 'layer4', 224, { r: 435, s: 32, p: 217 }],
  ['torchvision-resnet50', 'layer4', 224, { r: 427, s: 32, p: 213 }],
  ['torchvision-mobilenet_v2', 'features', 224, { r: 491, s: 32, p: 245 }],
  ['torchvision-densenet121', 'features', 224, { r: 2071, s: 32, p: 1021 }],
  ['torchvision-inception_v3', 'Mixed_7c', 299, { r: 1311, s: 32, p: 618 }],
  ['torchvision-googlenet', 'inception5b', 224, { r: 379, s: 32, p: 167 }],
  ['torchvision-efficientnet_b0', 'features', 224, { r: 851, s: 32, p: 425 }],
];

describe('torchvision models (hand-derived)', () => {
  it.each(ROWS)('%s at %s', (id, endpoint, input, row) => {
    const m = model(id);
    expect(m.endpoint).toBe(endpoint);
    expect(m.network.input).toEqual({ h: input, w: input });
    expect(rspOf(id)).toEqual(both(row));
  });
});
