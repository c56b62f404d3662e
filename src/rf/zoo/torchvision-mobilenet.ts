/**
 * torchvision's MobileNet v2 (`mobilenetv2.py`), the `features` trunk: a 3×3/2 conv, 17 inverted
 * residual blocks (optional 1×1 expansion, 3×3 depthwise with the stride, 1×1 linear projection;
 * identity shortcut when stride 1 and channels are unchanged) and a final 1×1 conv. Padding (k − 1) / 2.
 */
import { builder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { TORCHVISION_MODELS } from './sources.ts';

/** [expansion t, channels c, repeats n, stride s] of `inverted_residual_setting`. */
const SETTING: readonly (readonly [number, number, number, number])[] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

function mobilenetV2(): ZooModel {
  const b = builder(224);
  b.conv('features.0.0', { k: 3, s: 2, pad: 1, c: 32 });
  let inp = 32;
  let index = 1;
  for (const [t, c, n, s] of SETTING) {
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? s : 1;
      const name = `features.${index}`;
      const input = b.cursor;
      const hidden = inp * t;
      let layer = 0;
      if (t !== 1) b.conv(`${name}.conv.${layer++}.0`, { k: 1, c: hidden });
      b.conv(`${name}.conv.${layer++}.0`, { k: 3, s: stride, pad: 1, groups: hidden, c: hidden });
      const out = b.conv(`${name}.conv.${layer}`, { k: 1, c });
      if (stride === 1 && inp === c) b.sum(name, [input, out]);
      else b.neutral(name, 'identity');
      inp = c;
      index += 1;
    }
  }
  b.conv(`features.${index}.0`, { k: 1, c: 1280 });
  b.neutral('features', 'identity');
  return {
    id: 'torchvision-mobilenet_v2',
    title: 'MobileNet v2 (torchvision)',
    year: 2018,
    family: 'MobileNet',
    endpoint: 'features',
    sources: [`${TORCHVISION_MODELS}/mobilenetv2.py`, 'https://arxiv.org/abs/1801.04381'],
    network: b.build(),
  };
}

export const torchvisionMobilenet: ZooModel[] = [mobilenetV2()];
