/**
 * Further published figures: the "224" rows of RECEPTIVE_FIELD_TABLE.md in google-research/receptive_field
 * (https://github.com/google-research/receptive_field/blob/master/receptive_field/RECEPTIVE_FIELD_TABLE.md),
 * computed on the TF-slim definitions. They cover vgg_a and resnet_v2_50 at their endpoints and
 * intermediate end-points of the seed-table networks, so a wrong layer shows up where it is.
 */
import { analyze, toNumber } from '../../../../src/rf/index.ts';
import type { Analysis } from '../../../../src/rf/index.ts';
import { both, model, rspOf } from './helpers.ts';
import type { Rsp } from './helpers.ts';

const ENDPOINTS: readonly (readonly [id: string, at: string | undefined, row: Rsp])[] = [
  // The two extra TF-slim models, at their endpoints.
  ['vgg_a', undefined, { r: 150, s: 32, p: 59 }],
  ['resnet_v2_50', undefined, { r: 483, s: 32, p: 239 }],
  // Intermediate end-points.
  ['alexnet_v2', 'alexnet_v2/pool1', { r: 19, s: 8, p: 0 }],
  ['alexnet_v2', 'alexnet_v2/conv2', { r: 51, s: 8, p: 16 }],
  ['alexnet_v2', 'alexnet_v2/conv5', { r: 163, s: 16, p: 64 }],
  ['vgg_a', 'vgg_a/conv3/conv3_2', { r: 26, s: 4, p: 11 }],
  ['vgg_a', 'vgg_a/pool4', { r: 70, s: 16, p: 27 }],
  ['vgg_16', 'vgg_16/pool1', { r: 6, s: 2, p: 2 }],
  ['vgg_16', 'vgg_16/pool4', { r: 100, s: 16, p: 42 }],
  ['vgg_16', 'vgg_16/conv5/conv5_2', { r: 164, s: 16, p: 74 }],
  ['mobilenet_v1', 'Conv2d_0', { r: 3, s: 2, p: 0 }],
  ['mobilenet_v1', 'Conv2d_5_pointwise', { r: 43, s: 8, p: 14 }],
  ['mobilenet_v1', 'Conv2d_12_pointwise', { r: 251, s: 32, p: 94 }],
  ['mobilenet_v1_075', 'Conv2d_11_pointwise', { r: 219, s: 16, p: 94 }],
  ['resnet_v1_50', 'resnet_v1_50/block1', { r: 35, s: 8, p: 15 }],
  ['resnet_v1_50', 'resnet_v1_50/block2', { r: 99, s: 16, p: 47 }],
  ['resnet_v1_50', 'resnet_v1_50/block3', { r: 291, s: 32, p: 143 }],
  ['resnet_v1_101', 'resnet_v1_101/block3', { r: 835, s: 32, p: 415 }],
  ['resnet_v1_152', 'resnet_v1_152/block2', { r: 163, s: 16, p: 79 }],
  ['resnet_v1_152', 'resnet_v1_152/block3', { r: 1315, s: 32, p: 655 }],
  ['resnet_v1_200', 'resnet_v1_200/block2', { r: 419, s: 16, p: 207 }],
  ['resnet_v1_200', 'resnet_v1_200/block3', { r: 1571, s: 32, p: 783 }],
  ['resnet_v2_50', 'resnet_v2_50/block1', { r: 35, s: 8, p: 15 }],
  ['resnet_v2_50', 'resnet_v2_50/block3', { r: 291, s: 32, p: 143 }],
  ['inception_v2', 'Conv2d_1a_7x7', { r: 7, s: 2, p: 2 }],
  ['inception_v2', 'MaxPool_3a_3x3', { r: 27, s: 8, p: 6 }],
  ['inception_v2', 'Mixed_3c', { r: 91, s: 8, p: 38 }],
  ['inception_v2', 'Mixed_4a', { r: 123, s: 16, p: 46 }],
  ['inception_v2', 'Mixed_4e', { r: 379, s: 16, p: 174 }],
  ['inception_v2', 'Mixed_5a', { r: 443, s: 32, p: 190 }],
  ['inception_v3', 'MaxPool_5a_3x3', { r: 31, s: 8, p: 2 }],
  ['inception_v3', 'Mixed_5d', { r: 127, s: 8, p: 50 }],
  ['inception_v3', 'Mixed_6a', { r: 159, s: 16, p: 58 }],
  ['inception_v3', 'Mixed_6e', { r: 927, s: 16, p: 442 }],
  ['inception_v3', 'Mixed_7a', { r: 1055, s: 32, p: 490 }],
  ['inception_v3', 'Mixed_7b', { r: 1183, s: 32, p: 554 }],
  ['inception_v4', 'Mixed_3a', { r: 15, s: 4, p: 2 }],
  ['inception_v4', 'Mixed_4a', { r: 47, s: 4, p: 14 }],
  ['inception_v4', 'Mixed_5a', { r: 55, s: 8, p: 14 }],
  ['inception_v4', 'Mixed_5e', { r: 183, s: 8, p: 78 }],
  ['inception_v4', 'Mixed_6a', { r: 215, s: 16, p: 86 }],
  ['inception_v4', 'Mixed_6h', { r: 1559, s: 16, p: 758 }],
  ['inception_v4', 'Mixed_7a', { r: 1687, s: 32, p: 806 }],
  ['inception_resnet_v2', 'Mixed_5b', { r: 63, s: 8, p: 18 }],
  ['inception_resnet_v2', 'Mixed_6a', { r: 415, s: 16, p: 186 }],
  ['inception_resnet_v2', 'PreAuxLogits', { r: 2335, s: 16, p: 1146 }],
  ['inception_resnet_v2', 'Mixed_7a', { r: 2399, s: 32, p: 1162 }],
];

describe('published TF-slim end-points (RECEPTIVE_FIELD_TABLE.md, 224×224)', () => {
  it.each(ENDPOINTS)('%s at %s', (id, at, row) => {
    expect(rspOf(id, at)).toEqual(both(row));
  });
});

/**
 * The "321" rows of the same table: TF SAME padding depends on the input size, so P changes with the
 * input while r and S do not (321 = 10·32 + 1 is odd at every stage; 224 is even at every stage).
 */
const AT_321: readonly (readonly [id: string, at: string | undefined, row: Rsp])[] = [
  ['alexnet_v2', undefined, { r: 195, s: 32, p: 64 }],
  ['vgg_a', undefined, { r: 150, s: 32, p: 59 }],
  ['vgg_16', undefined, { r: 212, s: 32, p: 90 }],
  ['mobilenet_v1', 'Conv2d_0', { r: 3, s: 2, p: 1 }],
  ['mobilenet_v1', undefined, { r: 315, s: 32, p: 157 }],
  ['mobilenet_v1_075', undefined, { r: 315, s: 32, p: 157 }],
  ['resnet_v1_50', undefined, { r: 483, s: 32, p: 241 }],
  ['resnet_v1_101', undefined, { r: 1027, s: 32, p: 513 }],
  ['resnet_v1_152', undefined, { r: 1507, s: 32, p: 753 }],
  ['resnet_v1_200', undefined, { r: 1763, s: 32, p: 881 }],
  ['resnet_v2_50', undefined, { r: 483, s: 32, p: 241 }],
  ['inception_v2', 'MaxPool_2a_3x3', { r: 11, s: 4, p: 5 }],
  ['inception_v2', undefined, { r: 699, s: 32, p: 349 }],
  ['inception_v3', undefined, { r: 1311, s: 32, p: 618 }],
  ['inception_v4', undefined, { r: 2071, s: 32, p: 998 }],
  ['inception_resnet_v2', undefined, { r: 3039, s: 32, p: 1482 }],
];

describe('published TF-slim figures at a 321×321 input (RECEPTIVE_FIELD_TABLE.md)', () => {
  const at321 = new Map<string, Analysis>();
  const analysis321 = (id: string): Analysis => {
    let a = at321.get(id);
    if (a === undefined) {
      a = analyze({ ...model(id).network, input: { h: 321, w: 321 } });
      at321.set(id, a);
    }
    return a;
  };

  it.each(AT_321)('%s at %s', (id, at, row) => {
    const a = analysis321(id);
    expect(a.ok).toBe(true);
    const out = at === undefined ? a.output : a.layers.find((l) => l.name === at);
    if (out === null || out === undefined) throw new Error(`${id}: no result at ${at ?? 'the endpoint'}`);
    expect(out.name).toBe(at ?? model(id).endpoint);
    const rsp = (axis: 'h' | 'w'): Rsp => ({
      r: out.rf[axis],
      s: out.stride === null ? NaN : toNumber(out.stride[axis]),
      p: out.padding === null ? NaN : toNumber(out.padding[axis]),
    });
    expect({ h: rsp('h'), w: rsp('w') }).toEqual(both(row));
    expect(out.aligned).toBe(true);
  });
});
