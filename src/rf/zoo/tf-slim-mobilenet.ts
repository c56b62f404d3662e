/**
 * MobileNet v1 as defined in TF-slim's mobilenet_v1.py (`_CONV_DEFS`): a 3×3 stride-2 convolution and
 * 13 depthwise-separable layers (3×3 depthwise, then 1×1 pointwise), all SAME. The depth multiplier
 * changes channels only, so mobilenet_v1_075 has the same receptive field as mobilenet_v1.
 */
import { builder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { RF_README, RF_TABLE, SLIM_NETS } from './sources.ts';

/** [stride, depth] of the 13 DepthSepConv layers after Conv2d_0 (kernel 3×3). */
const SEP_DEFS: readonly (readonly [number, number])[] = [
  [1, 64],
  [2, 128],
  [1, 128],
  [2, 256],
  [1, 256],
  [2, 512],
  [1, 512],
  [1, 512],
  [1, 512],
  [1, 512],
  [1, 512],
  [2, 1024],
  [1, 1024],
];

function mobilenetV1(id: string, title: string, multiplier: number): ZooModel {
  const depth = (d: number) => Math.max(Math.floor(d * multiplier), 8);
  const b = builder(224, { pad: 'same' });
  let channels = depth(32);
  b.conv('Conv2d_0', { k: 3, s: 2, c: channels });
  SEP_DEFS.forEach(([stride, d], i) => {
    // separable_conv2d with num_outputs=None: depthwise only (one filter per channel).
    b.conv(`Conv2d_${i + 1}_depthwise`, { k: 3, s: stride, groups: channels, c: channels });
    channels = depth(d);
    b.conv(`Conv2d_${i + 1}_pointwise`, { k: 1, c: channels });
  });
  return {
    id,
    title,
    year: 2017,
    family: 'MobileNet',
    endpoint: 'Conv2d_13_pointwise',
    sources: [`${SLIM_NETS}/mobilenet_v1.py`, 'https://arxiv.org/abs/1704.04861', RF_README, RF_TABLE],
    network: b.build(),
  };
}

export const tfSlimMobilenet: ZooModel[] = [
  mobilenetV1('mobilenet_v1', 'MobileNet v1 1.0 (TF-slim)', 1),
  mobilenetV1('mobilenet_v1_075', 'MobileNet v1 0.75 (TF-slim)', 0.75),
];
