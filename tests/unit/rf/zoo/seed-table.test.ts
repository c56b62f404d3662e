/**
 * The lecture's table: receptive field r, effective stride S and effective padding P of twelve TF-slim
 * networks at a 224×224 input, as published in the README of google-research/receptive_field
 * (https://github.com/google-research/receptive_field/blob/master/README.md). Exact, both axes.
 */
import { both, model, rspOf } from './helpers.ts';
import type { Rsp } from './helpers.ts';

const TABLE: readonly (readonly [id: string, endpoint: string, row: Rsp])[] = [
  ['alexnet_v2', 'alexnet_v2/pool5', { r: 195, s: 32, p: 64 }],
  ['vgg_16', 'vgg_16/pool5', { r: 212, s: 32, p: 90 }],
  ['mobilenet_v1', 'Conv2d_13_pointwise', { r: 315, s: 32, p: 126 }],
  ['mobilenet_v1_075', 'Conv2d_13_pointwise', { r: 315, s: 32, p: 126 }],
  ['resnet_v1_50', 'resnet_v1_50/block4', { r: 483, s: 32, p: 239 }],
  ['inception_v2', 'Mixed_5c', { r: 699, s: 32, p: 318 }],
  ['resnet_v1_101', 'resnet_v1_101/block4', { r: 1027, s: 32, p: 511 }],
  ['inception_v3', 'Mixed_7c', { r: 1311, s: 32, p: 618 }],
  ['resnet_v1_152', 'resnet_v1_152/block4', { r: 1507, s: 32, p: 751 }],
  ['resnet_v1_200', 'resnet_v1_200/block4', { r: 1763, s: 32, p: 879 }],
  ['inception_v4', 'Mixed_7d', { r: 2071, s: 32, p: 998 }],
  ['inception_resnet_v2', 'Conv2d_7b_1x1', { r: 3039, s: 32, p: 1482 }],
];

describe('seed table (TF-slim, 224×224)', () => {
  it.each(TABLE)('%s at %s', (id, endpoint, row) => {
    const m = model(id);
    expect(m.endpoint).toBe(endpoint);
    expect(m.network.input).toEqual({ h: 224, w: 224 });
    expect(rspOf(id)).toEqual(both(row));
  });
});
