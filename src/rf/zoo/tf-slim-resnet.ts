/**
 * ResNet v1 and v2 as defined in TF-slim's resnet_v1.py, resnet_v2.py and resnet_utils.py.
 *
 * - Root: `conv2d_same(7×7, stride 2)` = explicit pad (3, 3) then VALID, then `pool1`: 3×3 stride-2
 *   max pool, SAME (resnet_arg_scope sets SAME for max_pool2d).
 * - TF-slim subsamples in the LAST unit of each block (blocks 1–3 have stride 2, block 4 stride 1),
 *   and the bottleneck puts that stride on the 3×3 `conv2` (again `conv2d_same`: explicit symmetric
 *   pad, then VALID), not on the first 1×1.
 * - Shortcut: a 1×1 conv with the unit's stride when the depth changes (first unit of each block),
 *   else `subsample` = 1×1 max pool with the unit's stride (identity when the stride is 1).
 * - The block endpoint (`…/blockN`) is collected at the block's end.
 */
import { builder } from './builder.ts';
import type { NetBuilder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { RF_README, RF_TABLE, SLIM_NETS } from './sources.ts';

type Version = 'v1' | 'v2';

/** Units per block for each depth (block strides are always 2, 2, 2, 1). */
const UNITS: Record<50 | 101 | 152 | 200, readonly [number, number, number, number]> = {
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
  200: [3, 24, 36, 3],
};
const BLOCK_STRIDES = [2, 2, 2, 1] as const;
const BASE_DEPTHS = [64, 128, 256, 512] as const;

/** resnet_utils.conv2d_same: SAME conv for stride 1, else explicit symmetric padding + VALID conv. */
function conv2dSame(
  b: NetBuilder,
  name: string,
  k: number,
  stride: number,
  c: number,
  padName: string,
): string {
  if (stride === 1) return b.conv(name, { k, s: 1, pad: 'same', c });
  const total = k - 1;
  const before = Math.floor(total / 2);
  b.pad(padName, { h: [before, total - before], w: [before, total - before] });
  return b.conv(name, { k, s: stride, pad: 'valid', c });
}

/** One bottleneck unit; returns the unit's output node. */
function bottleneck(
  b: NetBuilder,
  version: Version,
  depth: number,
  depthIn: number,
  base: number,
  stride: number,
) {
  const inputs = b.cursor;
  return b.scope(`bottleneck_${version}`, () => {
    // v2 is "pre-activation": BN + ReLU feed the convolutions (and a projection shortcut).
    const preact = version === 'v2' ? b.neutral('preact', 'batch-norm+relu', inputs) : inputs;
    let shortcut: string;
    if (depth === depthIn) {
      shortcut = stride === 1 ? inputs : b.pool('shortcut', { k: 1, s: stride, pad: 'same' }, inputs);
    } else {
      shortcut = b.conv('shortcut', { k: 1, s: stride, pad: 'same', c: depth }, preact);
    }
    b.conv('conv1', { k: 1, s: 1, pad: 'same', c: base }, preact);
    conv2dSame(b, 'conv2', 3, stride, base, 'Pad');
    const residual = b.conv('conv3', { k: 1, s: 1, pad: 'same', c: depth });
    return b.sum('', [shortcut, residual]);
  });
}

function resnet(version: Version, layers: 50 | 101 | 152 | 200): ZooModel {
  const id = `resnet_${version}_${layers}`;
  const b = builder(224);
  b.scope(id, () => {
    conv2dSame(b, 'conv1', 7, 2, 64, 'Pad');
    b.pool('pool1', { k: 3, s: 2, pad: 'same' });
    let depthIn = 64;
    UNITS[layers].forEach((units, i) => {
      const base = BASE_DEPTHS[i] ?? 0;
      const depth = base * 4;
      const blockStride = BLOCK_STRIDES[i] ?? 1;
      b.scope(`block${i + 1}`, () => {
        for (let u = 1; u <= units; u++) {
          b.scope(`unit_${u}`, () =>
            bottleneck(b, version, depth, depthIn, base, u === units ? blockStride : 1),
          );
          depthIn = depth;
        }
        b.neutral('', 'identity');
      });
    });
  });
  const paper = version === 'v1' ? 'https://arxiv.org/abs/1512.03385' : 'https://arxiv.org/abs/1603.05027';
  return {
    id,
    title: `ResNet-${layers} ${version} (TF-slim)`,
    year: version === 'v2' ? 2016 : 2015,
    family: 'ResNet',
    endpoint: `${id}/block4`,
    sources: [
      `${SLIM_NETS}/resnet_${version}.py`,
      `${SLIM_NETS}/resnet_utils.py`,
      paper,
      ...(version === 'v1' ? [RF_README] : []),
      RF_TABLE,
    ],
    network: b.build(),
  };
}

export const tfSlimResnet: ZooModel[] = [
  resnet('v1', 50),
  resnet('v1', 101),
  resnet('v1', 152),
  resnet('v1', 200),
  resnet('v2', 50),
];
