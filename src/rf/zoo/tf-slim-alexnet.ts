/**
 * AlexNet v2 ("One weird trick" variant) as defined in TF-slim's alexnet.py.
 * arg_scope: conv2d padding SAME, max_pool2d padding VALID (slim's default pool stride is 2).
 */
import { builder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { RF_README, RF_TABLE, SLIM_NETS } from './sources.ts';

function alexnetV2(): ZooModel {
  const b = builder(224, { pad: 'same' });
  b.scope('alexnet_v2', () => {
    b.conv('conv1', { k: 11, s: 4, pad: 'valid', c: 64 });
    b.pool('pool1', { k: 3, s: 2, pad: 'valid' });
    b.conv('conv2', { k: 5, c: 192 });
    b.pool('pool2', { k: 3, s: 2, pad: 'valid' });
    b.conv('conv3', { k: 3, c: 384 });
    b.conv('conv4', { k: 3, c: 384 });
    b.conv('conv5', { k: 3, c: 256 });
    b.pool('pool5', { k: 3, s: 2, pad: 'valid' });
  });
  return {
    id: 'alexnet_v2',
    title: 'AlexNet v2 (TF-slim)',
    year: 2014,
    family: 'AlexNet',
    endpoint: 'alexnet_v2/pool5',
    sources: [`${SLIM_NETS}/alexnet.py`, 'https://arxiv.org/abs/1404.5997', RF_README, RF_TABLE],
    network: b.build(),
  };
}

export const tfSlimAlexnet: ZooModel[] = [alexnetV2()];
