/** torchvision's VGG-16 (`vgg.py`, configuration "D"), the `features` trunk: 3×3 convs (padding 1), 2×2/2 pools. */
import { builder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { TORCHVISION_MODELS } from './sources.ts';

/** Configuration "D": the 3×3 convs' channels per stage; each stage ends with a 2×2/2 max pool. */
const CFG_D: readonly (readonly number[])[] = [
  [64, 64],
  [128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [512, 512, 512],
];

function vgg16(): ZooModel {
  const b = builder(224);
  // Module indices in `features` (each conv is followed by a ReLU, which takes an index too).
  let index = 0;
  for (const stage of CFG_D) {
    for (const channels of stage) {
      b.conv(`features.${index}`, { k: 3, pad: 1, c: channels });
      index += 2;
    }
    b.pool(`features.${index}`, { k: 2, s: 2 });
    index += 1;
  }
  b.neutral('features', 'identity');
  return {
    id: 'torchvision-vgg16',
    title: 'VGG-16 (torchvision)',
    year: 2014,
    family: 'VGG',
    endpoint: 'features',
    sources: [`${TORCHVISION_MODELS}/vgg.py`, 'https://arxiv.org/abs/1409.1556'],
    network: b.build(),
  };
}

export const torchvisionVgg: ZooModel[] = [vgg16()];
