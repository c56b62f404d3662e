/**
 * torchvision's Inception v3 (`inception.py`, 299×299 input, explicit paddings) and GoogLeNet
 * (`googlenet.py`, 224×224, ceil-mode max pools). Every branch is included.
 */
import { builder } from './builder.ts';
import type { NetBuilder, Pair, PadSpec } from './builder.ts';
import type { ZooModel } from './model.ts';
import { TORCHVISION_MODELS } from './sources.ts';

/** [module name, kernel, stride?, padding?]; names starting with `max_pool`/`avg_pool` are pools. */
type Step = readonly [string, Pair, number?, PadSpec?];

function path(b: NetBuilder, block: string, steps: readonly Step[], from: string): string {
  b.cursor = from;
  for (const [name, k, s, pad] of steps) {
    const o = { k, ...(s !== undefined ? { s } : {}), ...(pad !== undefined ? { pad } : {}) };
    const full = `${block}.${name}`;
    if (name.startsWith('max_pool')) b.pool(full, o);
    else if (name.startsWith('avg_pool')) b.pool(full, { ...o, kind: 'avg' });
    else b.conv(`${full}.conv`, o);
  }
  return b.cursor;
}

function block(b: NetBuilder, name: string, branches: readonly (readonly Step[])[]): string {
  const input = b.cursor;
  const ends = branches.map((steps) => path(b, name, steps, input));
  return b.concat(name, ends);
}

// ---------------------------------------------------------------------------------------------------

function inceptionV3(): ZooModel {
  const b = builder(299);
  b.conv('Conv2d_1a_3x3.conv', { k: 3, s: 2 });
  b.conv('Conv2d_2a_3x3.conv', { k: 3 });
  b.conv('Conv2d_2b_3x3.conv', { k: 3, pad: 1 });
  b.pool('maxpool1', { k: 3, s: 2 });
  b.conv('Conv2d_3b_1x1.conv', { k: 1 });
  b.conv('Conv2d_4a_3x3.conv', { k: 3 });
  b.pool('maxpool2', { k: 3, s: 2 });

  const inceptionA = (name: string) =>
    block(b, name, [
      [['branch1x1', 1]],
      [
        ['branch5x5_1', 1],
        ['branch5x5_2', 5, 1, 2],
      ],
      [
        ['branch3x3dbl_1', 1],
        ['branch3x3dbl_2', 3, 1, 1],
        ['branch3x3dbl_3', 3, 1, 1],
      ],
      [
        ['avg_pool2d', 3, 1, 1],
        ['branch_pool', 1],
      ],
    ]);
  inceptionA('Mixed_5b');
  inceptionA('Mixed_5c');
  inceptionA('Mixed_5d');

  // InceptionB
  block(b, 'Mixed_6a', [
    [['branch3x3', 3, 2]],
    [
      ['branch3x3dbl_1', 1],
      ['branch3x3dbl_2', 3, 1, 1],
      ['branch3x3dbl_3', 3, 2],
    ],
    [['max_pool2d', 3, 2]],
  ]);

  // InceptionC: factorised 7×7 (kernel (1, 7) has padding (0, 3)).
  for (const name of ['Mixed_6b', 'Mixed_6c', 'Mixed_6d', 'Mixed_6e']) {
    block(b, name, [
      [['branch1x1', 1]],
      [
        ['branch7x7_1', 1],
        ['branch7x7_2', [1, 7], 1, [0, 3]],
        ['branch7x7_3', [7, 1], 1, [3, 0]],
      ],
      [
        ['branch7x7dbl_1', 1],
        ['branch7x7dbl_2', [7, 1], 1, [3, 0]],
        ['branch7x7dbl_3', [1, 7], 1, [0, 3]],
        ['branch7x7dbl_4', [7, 1], 1, [3, 0]],
        ['branch7x7dbl_5', [1, 7], 1, [0, 3]],
      ],
      [
        ['avg_pool2d', 3, 1, 1],
        ['branch_pool', 1],
      ],
    ]);
  }

  // InceptionD
  block(b, 'Mixed_7a', [
    [
      ['branch3x3_1', 1],
      ['branch3x3_2', 3, 2],
    ],
    [
      ['branch7x7x3_1', 1],
      ['branch7x7x3_2', [1, 7], 1, [0, 3]],
      ['branch7x7x3_3', [7, 1], 1, [3, 0]],
      ['branch7x7x3_4', 3, 2],
    ],
    [['max_pool2d', 3, 2]],
  ]);

  // InceptionE: expanded filter banks, (1, 3) and (3, 1) in parallel.
  const inceptionE = (name: string) => {
    const input = b.cursor;
    const b1 = path(b, name, [['branch1x1', 1]], input);
    const t3 = path(b, name, [['branch3x3_1', 1]], input);
    const b3 = [
      path(b, name, [['branch3x3_2a', [1, 3], 1, [0, 1]]], t3),
      path(b, name, [['branch3x3_2b', [3, 1], 1, [1, 0]]], t3),
    ];
    const c3 = b.concat(`${name}.branch3x3`, b3);
    const td = path(
      b,
      name,
      [
        ['branch3x3dbl_1', 1],
        ['branch3x3dbl_2', 3, 1, 1],
      ],
      input,
    );
    const bd = [
      path(b, name, [['branch3x3dbl_3a', [1, 3], 1, [0, 1]]], td),
      path(b, name, [['branch3x3dbl_3b', [3, 1], 1, [1, 0]]], td),
    ];
    const cd = b.concat(`${name}.branch3x3dbl`, bd);
    const bp = path(
      b,
      name,
      [
        ['avg_pool2d', 3, 1, 1],
        ['branch_pool', 1],
      ],
      input,
    );
    return b.concat(name, [b1, c3, cd, bp]);
  };
  inceptionE('Mixed_7b');
  inceptionE('Mixed_7c');
  return {
    id: 'torchvision-inception_v3',
    title: 'Inception v3 (torchvision, 299×299)',
    year: 2015,
    family: 'Inception',
    endpoint: 'Mixed_7c',
    sources: [`${TORCHVISION_MODELS}/inception.py`, 'https://arxiv.org/abs/1512.00567'],
    network: b.build(),
  };
}

// ---------------------------------------------------------------------------------------------------

function googlenet(): ZooModel {
  const b = builder(224);
  b.conv('conv1.conv', { k: 7, s: 2, pad: 3, c: 64 });
  b.pool('maxpool1', { k: 3, s: 2, ceil: true });
  b.conv('conv2.conv', { k: 1, c: 64 });
  b.conv('conv3.conv', { k: 3, pad: 1, c: 192 });
  b.pool('maxpool2', { k: 3, s: 2, ceil: true });

  /** Inception module; `branch3` uses a 3×3 conv where the paper has 5×5 (a known torchvision quirk). */
  const inception = (name: string) => {
    const input = b.cursor;
    const ends = [
      path(b, name, [['branch1', 1]], input),
      path(
        b,
        name,
        [
          ['branch2.0', 1],
          ['branch2.1', 3, 1, 1],
        ],
        input,
      ),
      path(
        b,
        name,
        [
          ['branch3.0', 1],
          ['branch3.1', 3, 1, 1],
        ],
        input,
      ),
    ];
    b.cursor = input;
    b.pool(`${name}.branch4.0`, { k: 3, s: 1, pad: 1, ceil: true });
    ends.push(b.conv(`${name}.branch4.1.conv`, { k: 1 }));
    return b.concat(name, ends);
  };
  inception('inception3a');
  inception('inception3b');
  b.pool('maxpool3', { k: 3, s: 2, ceil: true });
  for (const name of ['inception4a', 'inception4b', 'inception4c', 'inception4d', 'inception4e'])
    inception(name);
  b.pool('maxpool4', { k: 2, s: 2, ceil: true });
  inception('inception5a');
  inception('inception5b');
  return {
    id: 'torchvision-googlenet',
    title: 'GoogLeNet / Inception v1 (torchvision)',
    year: 2014,
    family: 'Inception',
    endpoint: 'inception5b',
    sources: [
      `${TORCHVISION_MODELS}/googlenet.py`,
      'https://arxiv.org/abs/1409.4842',
      'https://github.com/pytorch/vision/issues/906',
    ],
    network: b.build(),
  };
}

export const torchvisionInception: ZooModel[] = [inceptionV3(), googlenet()];
