/**
 * Inception v2, v3, v4 and Inception-ResNet v2 as defined in TF-slim (inception_v2.py, inception_v3.py,
 * inception_v4.py, inception_resnet_v2.py). Every branch of every mixed block is included: the effective
 * padding of a graph is the maximum over its paths. Kernels are [height, width] as in slim, so `[1, 7]`
 * is one row by seven columns.
 */
import { builder } from './builder.ts';
import type { NetBuilder, Pair } from './builder.ts';
import type { ZooModel } from './model.ts';
import { RF_README, RF_TABLE, SLIM_NETS } from './sources.ts';

/** A chain of convolutions in a branch: [scope, kernel, stride?, padding?]. */
type Step = readonly [string, Pair, number?, ('same' | 'valid')?];

/** Builds a branch as a chain of convs (or an initial pool, when the scope name starts with a pool). */
function chain(b: NetBuilder, name: string, steps: readonly Step[]): string {
  return b.branch(name, () => {
    for (const [scope, k, s, pad] of steps) {
      const o = { k, ...(s !== undefined ? { s } : {}), ...(pad !== undefined ? { pad } : {}) };
      if (scope.startsWith('MaxPool')) b.pool(scope, o);
      else if (scope.startsWith('AvgPool')) b.pool(scope, { ...o, kind: 'avg' });
      else b.conv(scope, o);
    }
  });
}

/** A mixed block: every branch reads the block input; the concat is named after the block. */
function mixed(b: NetBuilder, name: string, branches: readonly (readonly Step[])[]): string {
  return b.scope(name, () => {
    const ends = branches.map((steps, i) => chain(b, `Branch_${i}`, steps));
    return b.concat('', ends);
  });
}

/**
 * The 17×17 module of Inception v3 (Mixed_6b–e), the same as Inception v4's Inception-B: a 7×7
 * receptive field built from 1×7 and 7×1 convolutions, in branches of depth 1, 3 and 5, plus pooling.
 */
const FACTORISED_7X7: readonly (readonly Step[])[] = [
  [['Conv2d_0a_1x1', 1]],
  [
    ['Conv2d_0a_1x1', 1],
    ['Conv2d_0b_1x7', [1, 7]],
    ['Conv2d_0c_7x1', [7, 1]],
  ],
  [
    ['Conv2d_0a_1x1', 1],
    ['Conv2d_0b_7x1', [7, 1]],
    ['Conv2d_0c_1x7', [1, 7]],
    ['Conv2d_0d_7x1', [7, 1]],
    ['Conv2d_0e_1x7', [1, 7]],
  ],
  [
    ['AvgPool_0a_3x3', 3],
    ['Conv2d_0b_1x1', 1],
  ],
];

/** The 17×17 → 8×8 reduction (Mixed_7a) of Inception v3, kept as Reduction-B in Inception v4. */
const REDUCTION_17_TO_8: readonly (readonly Step[])[] = [
  [
    ['Conv2d_0a_1x1', 1],
    ['Conv2d_1a_3x3', 3, 2, 'valid'],
  ],
  [
    ['Conv2d_0a_1x1', 1],
    ['Conv2d_0b_1x7', [1, 7]],
    ['Conv2d_0c_7x1', [7, 1]],
    ['Conv2d_1a_3x3', 3, 2, 'valid'],
  ],
  [['MaxPool_1a_3x3', 3, 2, 'valid']],
];

/** A branch that ends in two parallel convs concatenated (Inception v3/v4 "expanded filter bank"). */
function fork(b: NetBuilder, name: string, trunk: readonly Step[], heads: readonly [Step, Step]): string {
  return b.branch(name, () => {
    const split = trunk.length > 0 ? chain(b, '', trunk) : b.cursor;
    b.cursor = split;
    const ends = heads.map(([scope, k]) => b.conv(scope, { k }, split));
    return b.concat('concat', ends);
  });
}

// ---------------------------------------------------------------------------------------------------
// Inception v2 (inception_v2_base): arg_scope stride 1, SAME for conv, pools and separable convs.

function inceptionV2(): ZooModel {
  const b = builder(224, { pad: 'same', s: 1 });
  // Separable 7×7 stride 2 (depthwise with multiplier 8 on the 3 input channels, then pointwise).
  b.scope('Conv2d_1a_7x7', () => {
    b.conv('depthwise', { k: 7, s: 2, groups: 3, c: 24 });
    b.conv('pointwise', { k: 1, c: 64 });
  });
  b.neutral('Conv2d_1a_7x7', 'identity');
  b.pool('MaxPool_2a_3x3', { k: 3, s: 2 });
  b.conv('Conv2d_2b_1x1', { k: 1 });
  b.conv('Conv2d_2c_3x3', { k: 3 });
  b.pool('MaxPool_3a_3x3', { k: 3, s: 2 });

  /** The standard module: 1×1 | 1×1→3×3 | 1×1→3×3→3×3 | pool→1×1. */
  const module = (name: string, pool: 'AvgPool_0a_3x3' | 'MaxPool_0a_3x3') =>
    mixed(b, name, [
      [['Conv2d_0a_1x1', 1]],
      [
        ['Conv2d_0a_1x1', 1],
        ['Conv2d_0b_3x3', 3],
      ],
      [
        ['Conv2d_0a_1x1', 1],
        ['Conv2d_0b_3x3', 3],
        ['Conv2d_0c_3x3', 3],
      ],
      [
        [pool, 3],
        ['Conv2d_0b_1x1', 1],
      ],
    ]);
  /** The grid-size reduction: 1×1→3×3/2 | 1×1→3×3→3×3/2 | max pool 3×3/2 (all SAME in v2). */
  const reduction = (name: string) =>
    mixed(b, name, [
      [
        ['Conv2d_0a_1x1', 1],
        ['Conv2d_1a_3x3', 3, 2],
      ],
      [
        ['Conv2d_0a_1x1', 1],
        ['Conv2d_0b_3x3', 3],
        ['Conv2d_1a_3x3', 3, 2],
      ],
      [['MaxPool_1a_3x3', 3, 2]],
    ]);

  module('Mixed_3b', 'AvgPool_0a_3x3');
  module('Mixed_3c', 'AvgPool_0a_3x3');
  reduction('Mixed_4a');
  for (const name of ['Mixed_4b', 'Mixed_4c', 'Mixed_4d', 'Mixed_4e']) module(name, 'AvgPool_0a_3x3');
  reduction('Mixed_5a');
  module('Mixed_5b', 'AvgPool_0a_3x3');
  module('Mixed_5c', 'MaxPool_0a_3x3');
  return {
    id: 'inception_v2',
    title: 'Inception v2 / BN-Inception (TF-slim)',
    year: 2015,
    family: 'Inception',
    endpoint: 'Mixed_5c',
    sources: [`${SLIM_NETS}/inception_v2.py`, 'https://arxiv.org/abs/1502.03167', RF_README, RF_TABLE],
    network: b.build(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Shared stem of Inception v3 and Inception-ResNet v2 (VALID except Conv2d_2b_3x3).

function stemV3(b: NetBuilder): void {
  b.defaults({ pad: 'valid', s: 1 }, () => {
    b.conv('Conv2d_1a_3x3', { k: 3, s: 2 });
    b.conv('Conv2d_2a_3x3', { k: 3 });
    b.conv('Conv2d_2b_3x3', { k: 3, pad: 'same' });
    b.pool('MaxPool_3a_3x3', { k: 3, s: 2 });
    b.conv('Conv2d_3b_1x1', { k: 1 });
    b.conv('Conv2d_4a_3x3', { k: 3 });
    b.pool('MaxPool_5a_3x3', { k: 3, s: 2 });
  });
}

// ---------------------------------------------------------------------------------------------------
// Inception v3 (inception_v3_base): stem VALID, mixed blocks SAME with VALID stride-2 reductions.

function inceptionV3(): ZooModel {
  const b = builder(224, { pad: 'same', s: 1 });
  stemV3(b);

  // 35×35 modules (Mixed_5c keeps the original's unusual scope names).
  const a35 = (name: string, b1: readonly [string, string]) =>
    mixed(b, name, [
      [['Conv2d_0a_1x1', 1]],
      [
        [b1[0], 1],
        [b1[1], 5],
      ],
      [
        ['Conv2d_0a_1x1', 1],
        ['Conv2d_0b_3x3', 3],
        ['Conv2d_0c_3x3', 3],
      ],
      [
        ['AvgPool_0a_3x3', 3],
        ['Conv2d_0b_1x1', 1],
      ],
    ]);
  a35('Mixed_5b', ['Conv2d_0a_1x1', 'Conv2d_0b_5x5']);
  a35('Mixed_5c', ['Conv2d_0b_1x1', 'Conv_1_0c_5x5']);
  a35('Mixed_5d', ['Conv2d_0a_1x1', 'Conv2d_0b_5x5']);

  mixed(b, 'Mixed_6a', [
    [['Conv2d_1a_1x1', 3, 2, 'valid']],
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_0b_3x3', 3],
      ['Conv2d_1a_1x1', 3, 2, 'valid'],
    ],
    [['MaxPool_1a_3x3', 3, 2, 'valid']],
  ]);

  // 17×17 modules with factorised 7×7 convolutions.
  for (const name of ['Mixed_6b', 'Mixed_6c', 'Mixed_6d', 'Mixed_6e']) {
    mixed(b, name, FACTORISED_7X7);
  }

  mixed(b, 'Mixed_7a', REDUCTION_17_TO_8);

  // 8×8 modules with expanded filter banks (1×3 and 3×1 in parallel).
  const e8 = (name: string, b1Second: string) =>
    b.scope(name, () => {
      const b0 = chain(b, 'Branch_0', [['Conv2d_0a_1x1', 1]]);
      const b1 = fork(
        b,
        'Branch_1',
        [['Conv2d_0a_1x1', 1]],
        [
          ['Conv2d_0b_1x3', [1, 3]],
          [b1Second, [3, 1]],
        ],
      );
      const b2 = fork(
        b,
        'Branch_2',
        [
          ['Conv2d_0a_1x1', 1],
          ['Conv2d_0b_3x3', 3],
        ],
        [
          ['Conv2d_0c_1x3', [1, 3]],
          ['Conv2d_0d_3x1', [3, 1]],
        ],
      );
      const b3 = chain(b, 'Branch_3', [
        ['AvgPool_0a_3x3', 3],
        ['Conv2d_0b_1x1', 1],
      ]);
      return b.concat('', [b0, b1, b2, b3]);
    });
  e8('Mixed_7b', 'Conv2d_0b_3x1');
  e8('Mixed_7c', 'Conv2d_0c_3x1');
  return {
    id: 'inception_v3',
    title: 'Inception v3 (TF-slim)',
    year: 2015,
    family: 'Inception',
    endpoint: 'Mixed_7c',
    sources: [`${SLIM_NETS}/inception_v3.py`, 'https://arxiv.org/abs/1512.00567', RF_README, RF_TABLE],
    network: b.build(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Inception v4 (inception_v4_base): arg_scope stride 1, SAME; reductions VALID.

function inceptionV4(): ZooModel {
  const b = builder(224, { pad: 'same', s: 1 });
  b.conv('Conv2d_1a_3x3', { k: 3, s: 2, pad: 'valid' });
  b.conv('Conv2d_2a_3x3', { k: 3, pad: 'valid' });
  b.conv('Conv2d_2b_3x3', { k: 3 });
  mixed(b, 'Mixed_3a', [[['MaxPool_0a_3x3', 3, 2, 'valid']], [['Conv2d_0a_3x3', 3, 2, 'valid']]]);
  mixed(b, 'Mixed_4a', [
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_1a_3x3', 3, 1, 'valid'],
    ],
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_0b_1x7', [1, 7]],
      ['Conv2d_0c_7x1', [7, 1]],
      ['Conv2d_1a_3x3', 3, 1, 'valid'],
    ],
  ]);
  mixed(b, 'Mixed_5a', [[['Conv2d_1a_3x3', 3, 2, 'valid']], [['MaxPool_1a_3x3', 3, 2, 'valid']]]);

  // 4 × Inception-A.
  for (const c of 'bcde') {
    mixed(b, `Mixed_5${c}`, [
      [['Conv2d_0a_1x1', 1]],
      [
        ['Conv2d_0a_1x1', 1],
        ['Conv2d_0b_3x3', 3],
      ],
      [
        ['Conv2d_0a_1x1', 1],
        ['Conv2d_0b_3x3', 3],
        ['Conv2d_0c_3x3', 3],
      ],
      [
        ['AvgPool_0a_3x3', 3],
        ['Conv2d_0b_1x1', 1],
      ],
    ]);
  }
  // Reduction-A.
  mixed(b, 'Mixed_6a', [
    [['Conv2d_1a_3x3', 3, 2, 'valid']],
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_0b_3x3', 3],
      ['Conv2d_1a_3x3', 3, 2, 'valid'],
    ],
    [['MaxPool_1a_3x3', 3, 2, 'valid']],
  ]);
  // 7 × Inception-B.
  for (const c of 'bcdefgh') {
    mixed(b, `Mixed_6${c}`, FACTORISED_7X7);
  }
  // Reduction-B.
  mixed(b, 'Mixed_7a', REDUCTION_17_TO_8);
  // 3 × Inception-C.
  for (const c of 'bcd') {
    b.scope(`Mixed_7${c}`, () => {
      const b0 = chain(b, 'Branch_0', [['Conv2d_0a_1x1', 1]]);
      const b1 = fork(
        b,
        'Branch_1',
        [['Conv2d_0a_1x1', 1]],
        [
          ['Conv2d_0b_1x3', [1, 3]],
          ['Conv2d_0c_3x1', [3, 1]],
        ],
      );
      const b2 = fork(
        b,
        'Branch_2',
        [
          ['Conv2d_0a_1x1', 1],
          ['Conv2d_0b_3x1', [3, 1]],
          ['Conv2d_0c_1x3', [1, 3]],
        ],
        [
          ['Conv2d_0d_1x3', [1, 3]],
          ['Conv2d_0e_3x1', [3, 1]],
        ],
      );
      const b3 = chain(b, 'Branch_3', [
        ['AvgPool_0a_3x3', 3],
        ['Conv2d_0b_1x1', 1],
      ]);
      return b.concat('', [b0, b1, b2, b3]);
    });
  }
  return {
    id: 'inception_v4',
    title: 'Inception v4 (TF-slim)',
    year: 2016,
    family: 'Inception',
    endpoint: 'Mixed_7d',
    sources: [`${SLIM_NETS}/inception_v4.py`, 'https://arxiv.org/abs/1602.07261', RF_README, RF_TABLE],
    network: b.build(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Inception-ResNet v2 (inception_resnet_v2_base, output_stride 16, align_feature_maps False).

/**
 * A residual inception block (block35 / block17 / block8): branches → concat → 1×1 `Conv2d_1x1` → added
 * to the block input. `slim.repeat` names the copies `<Repeat scope>/<fn>_<i>`.
 */
function residualBlock(b: NetBuilder, name: string, branches: readonly (readonly Step[])[]): string {
  const input = b.cursor;
  return b.scope(name, () => {
    const ends = branches.map((steps, i) => chain(b, `Branch_${i}`, steps));
    b.concat('concat', ends);
    const up = b.conv('Conv2d_1x1', { k: 1 });
    return b.sum('', [input, up]);
  });
}

const BLOCK35: readonly (readonly Step[])[] = [
  [['Conv2d_1x1', 1]],
  [
    ['Conv2d_0a_1x1', 1],
    ['Conv2d_0b_3x3', 3],
  ],
  [
    ['Conv2d_0a_1x1', 1],
    ['Conv2d_0b_3x3', 3],
    ['Conv2d_0c_3x3', 3],
  ],
];
const BLOCK17: readonly (readonly Step[])[] = [
  [['Conv2d_1x1', 1]],
  [
    ['Conv2d_0a_1x1', 1],
    ['Conv2d_0b_1x7', [1, 7]],
    ['Conv2d_0c_7x1', [7, 1]],
  ],
];
const BLOCK8: readonly (readonly Step[])[] = [
  [['Conv2d_1x1', 1]],
  [
    ['Conv2d_0a_1x1', 1],
    ['Conv2d_0b_1x3', [1, 3]],
    ['Conv2d_0c_3x1', [3, 1]],
  ],
];

function inceptionResnetV2(): ZooModel {
  const b = builder(224, { pad: 'same', s: 1 });
  stemV3(b);
  mixed(b, 'Mixed_5b', [
    [['Conv2d_1x1', 1]],
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_0b_5x5', 5],
    ],
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_0b_3x3', 3],
      ['Conv2d_0c_3x3', 3],
    ],
    [
      ['AvgPool_0a_3x3', 3],
      ['Conv2d_0b_1x1', 1],
    ],
  ]);
  b.scope('Repeat', () => {
    for (let i = 1; i <= 10; i++) residualBlock(b, `block35_${i}`, BLOCK35);
  });
  mixed(b, 'Mixed_6a', [
    [['Conv2d_1a_3x3', 3, 2, 'valid']],
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_0b_3x3', 3],
      ['Conv2d_1a_3x3', 3, 2, 'valid'],
    ],
    [['MaxPool_1a_3x3', 3, 2, 'valid']],
  ]);
  b.scope('Repeat_1', () => {
    for (let i = 1; i <= 20; i++) residualBlock(b, `block17_${i}`, BLOCK17);
  });
  b.neutral('PreAuxLogits', 'identity');
  mixed(b, 'Mixed_7a', [
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_1a_3x3', 3, 2, 'valid'],
    ],
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_1a_3x3', 3, 2, 'valid'],
    ],
    [
      ['Conv2d_0a_1x1', 1],
      ['Conv2d_0b_3x3', 3],
      ['Conv2d_1a_3x3', 3, 2, 'valid'],
    ],
    [['MaxPool_1a_3x3', 3, 2, 'valid']],
  ]);
  b.scope('Repeat_2', () => {
    for (let i = 1; i <= 9; i++) residualBlock(b, `block8_${i}`, BLOCK8);
  });
  residualBlock(b, 'Block8', BLOCK8);
  b.conv('Conv2d_7b_1x1', { k: 1, c: 1536 });
  return {
    id: 'inception_resnet_v2',
    title: 'Inception-ResNet v2 (TF-slim)',
    year: 2016,
    family: 'Inception',
    endpoint: 'Conv2d_7b_1x1',
    sources: [`${SLIM_NETS}/inception_resnet_v2.py`, 'https://arxiv.org/abs/1602.07261', RF_README, RF_TABLE],
    network: b.build(),
  };
}

export const tfSlimInception: ZooModel[] = [inceptionV2(), inceptionV3(), inceptionV4(), inceptionResnetV2()];
