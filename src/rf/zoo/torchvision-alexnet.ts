/**
 * torchvision's AlexNet (`alexnet.py`), the `features` trunk. All paddings are explicit. torchvision follows
 * the single-tower variant of "One weird trick" (64-192-384-256-256 channels), hence 2014.
 */
import { builder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { TORCHVISION_MODELS } from './sources.ts';

function alexnet(): ZooModel {
  const b = builder(224);
  b.conv('features.0', { k: 11, s: 4, pad: 2, c: 64 });
  b.pool('features.2', { k: 3, s: 2 });
  b.conv('features.3', { k: 5, pad: 2, c: 192 });
  b.pool('features.5', { k: 3, s: 2 });
  b.conv('features.6', { k: 3, pad: 1, c: 384 });
  b.conv('features.8', { k: 3, pad: 1, c: 256 });
  b.conv('features.10', { k: 3, pad: 1, c: 256 });
  b.pool('features.12', { k: 3, s: 2 });
  b.neutral('features', 'identity');
  return {
    id: 'torchvision-alexnet',
    title: 'AlexNet (torchvision)',
    year: 2014,
    family: 'AlexNet',
    endpoint: 'features',
    sources: [
      `${TORCHVISION_MODELS}/alexnet.py`,
      'https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks',
      'https://arxiv.org/abs/1404.5997',
    ],
    network: b.build(),
  };
}

export const torchvisionAlexnet: ZooModel[] = [alexnet()];
