/**
 * torchvision's EfficientNet-B0 (`efficientnet.py`), the `features` trunk: a 3×3/2 stem, 16 MBConv
 * blocks and a 1×1 head conv. Each MBConv: 1×1 expansion (if the ratio is not 1), k×k depthwise with the
 * stride (padding (k − 1) / 2), squeeze-and-excitation (global average pool → 1×1 fc1 → 1×1 fc2 →
 * sigmoid → channel-wise multiply), 1×1 projection, identity shortcut when stride 1 and channels kept.
 * The SE multiply gives every unit a dependency on the whole input (global context) while its local
 * receptive field stays that of the convolutions.
 */
import { builder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { TORCHVISION_MODELS } from './sources.ts';

/** [expand ratio, kernel, stride, input channels, output channels, layers] (`bneck_conf`, B0). */
const B0: readonly (readonly [number, number, number, number, number, number])[] = [
  [1, 3, 1, 32, 16, 1],
  [6, 3, 2, 16, 24, 2],
  [6, 5, 2, 24, 40, 2],
  [6, 3, 2, 40, 80, 3],
  [6, 5, 1, 80, 112, 3],
  [6, 5, 2, 112, 192, 4],
  [6, 3, 1, 192, 320, 1],
];

function efficientnetB0(): ZooModel {
  const b = builder(224);
  b.conv('features.0.0', { k: 3, s: 2, pad: 1, c: 32 });
  B0.forEach(([expand, k, s, cin, cout, layers], i) => {
    for (let j = 0; j < layers; j++) {
      const name = `features.${i + 1}.${j}`;
      const inp = j === 0 ? cin : cout;
      const stride = j === 0 ? s : 1;
      const hidden = inp * expand;
      const input = b.cursor;
      let m = 0;
      if (expand !== 1) b.conv(`${name}.block.${m++}.0`, { k: 1, c: hidden });
      const dw = b.conv(`${name}.block.${m++}.0`, {
        k,
        s: stride,
        pad: (k - 1) / 2,
        groups: hidden,
        c: hidden,
      });
      const se = `${name}.block.${m++}`;
      b.global(`${se}.avgpool`, 'global-pool');
      b.conv(`${se}.fc1`, { k: 1, c: Math.max(1, Math.floor(inp / 4)) });
      b.conv(`${se}.fc2`, { k: 1, c: hidden });
      b.mul(`${se}.scale`, [dw, b.cursor]);
      const out = b.conv(`${name}.block.${m}.0`, { k: 1, c: cout });
      if (stride === 1 && inp === cout) b.sum(name, [out, input]);
      else b.neutral(name, 'identity');
    }
  });
  b.conv('features.8.0', { k: 1, c: 1280 });
  b.neutral('features', 'identity');
  return {
    id: 'torchvision-efficientnet_b0',
    title: 'EfficientNet-B0 (torchvision)',
    year: 2019,
    family: 'EfficientNet',
    endpoint: 'features',
    sources: [
      `${TORCHVISION_MODELS}/efficientnet.py`,
      'https://arxiv.org/abs/1905.11946',
      'https://arxiv.org/abs/1709.01507',
    ],
    network: b.build(),
  };
}

export const torchvisionEfficientnet: ZooModel[] = [efficientnetB0()];
