/**
 * VGG as defined in TF-slim's vgg.py: `slim.repeat` of 3×3 SAME convolutions (arg_scope), then
 * 2×2 max pools with slim's defaults (stride 2, VALID).
 */
import { builder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { RF_README, RF_TABLE, SLIM_NETS } from './sources.ts';

/** Number of 3×3 convolutions in each of the five stages. */
const STAGES: Record<'vgg_a' | 'vgg_16', readonly number[]> = {
  vgg_a: [1, 1, 2, 2, 2],
  vgg_16: [2, 2, 3, 3, 3],
};
const WIDTHS = [64, 128, 256, 512, 512];

function vgg(id: 'vgg_a' | 'vgg_16', title: string): ZooModel {
  const b = builder(224, { pad: 'same' });
  b.scope(id, () => {
    STAGES[id].forEach((repeats, i) => {
      const stage = i + 1;
      b.scope(`conv${stage}`, () => {
        for (let j = 1; j <= repeats; j++) b.conv(`conv${stage}_${j}`, { k: 3, c: WIDTHS[i] ?? 0 });
      });
      b.pool(`pool${stage}`, { k: 2, s: 2, pad: 'valid' });
    });
  });
  return {
    id,
    title,
    year: 2014,
    family: 'VGG',
    endpoint: `${id}/pool5`,
    sources: [
      `${SLIM_NETS}/vgg.py`,
      'https://arxiv.org/abs/1409.1556',
      RF_TABLE,
      ...(id === 'vgg_16' ? [RF_README] : []),
    ],
    network: b.build(),
  };
}

export const tfSlimVgg: ZooModel[] = [
  vgg('vgg_a', 'VGG-11 "A" (TF-slim)'),
  vgg('vgg_16', 'VGG-16 (TF-slim)'),
];
