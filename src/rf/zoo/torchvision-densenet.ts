/**
 * torchvision's DenseNet-121 (`densenet.py`), the `features` trunk. Each dense layer reads the
 * concatenation of the block input and every earlier layer's output (BN-ReLU-1×1 conv, BN-ReLU-3×3
 * conv, padding 1); each transition is a 1×1 conv and a 2×2/2 average pool.
 */
import { builder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { TORCHVISION_MODELS } from './sources.ts';

const GROWTH = 32;
const BN_SIZE = 4;

function densenet121(): ZooModel {
  const config = [6, 12, 24, 16];
  const b = builder(224);
  b.conv('features.conv0', { k: 7, s: 2, pad: 3, c: 64 });
  b.pool('features.pool0', { k: 3, s: 2, pad: 1 });
  let channels = 64;
  config.forEach((layers, i) => {
    const block = `features.denseblock${i + 1}`;
    const features = [b.cursor];
    for (let j = 1; j <= layers; j++) {
      const layer = `${block}.denselayer${j}`;
      const input = features.length === 1 ? (features[0] ?? '') : b.concat(`${layer}.cat`, [...features]);
      b.conv(`${layer}.conv1`, { k: 1, c: BN_SIZE * GROWTH }, input);
      features.push(b.conv(`${layer}.conv2`, { k: 3, pad: 1, c: GROWTH }));
    }
    b.concat(block, features);
    channels += layers * GROWTH;
    if (i < config.length - 1) {
      channels = Math.floor(channels / 2);
      b.conv(`features.transition${i + 1}.conv`, { k: 1, c: channels });
      b.pool(`features.transition${i + 1}.pool`, { k: 2, s: 2, kind: 'avg' });
    }
  });
  b.neutral('features', 'identity');
  return {
    id: 'torchvision-densenet121',
    title: 'DenseNet-121 (torchvision)',
    year: 2016,
    family: 'DenseNet',
    endpoint: 'features',
    sources: [`${TORCHVISION_MODELS}/densenet.py`, 'https://arxiv.org/abs/1608.06993'],
    network: b.build(),
  };
}

export const torchvisionDensenet: ZooModel[] = [densenet121()];
