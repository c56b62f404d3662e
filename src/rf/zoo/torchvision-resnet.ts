/**
 * torchvision's ResNet-18 and ResNet-50 (`resnet.py`). Unlike TF-slim, torchvision subsamples in the
 * FIRST block of layers 2–4, and its Bottleneck puts the stride on the 3×3 `conv2` ("ResNet v1.5").
 * The projection shortcut (`downsample`) is a strided 1×1 conv. All paddings are explicit.
 */
import { builder } from './builder.ts';
import type { NetBuilder } from './builder.ts';
import type { ZooModel } from './model.ts';
import { TORCHVISION_MODELS } from './sources.ts';

type Kind = 'basic' | 'bottleneck';

function block(
  b: NetBuilder,
  name: string,
  kind: Kind,
  planes: number,
  stride: number,
  inplanes: number,
): number {
  const expansion = kind === 'basic' ? 1 : 4;
  const input = b.cursor;
  if (kind === 'basic') {
    b.conv(`${name}.conv1`, { k: 3, s: stride, pad: 1, c: planes });
    b.conv(`${name}.conv2`, { k: 3, pad: 1, c: planes });
  } else {
    b.conv(`${name}.conv1`, { k: 1, c: planes });
    b.conv(`${name}.conv2`, { k: 3, s: stride, pad: 1, c: planes });
    b.conv(`${name}.conv3`, { k: 1, c: planes * expansion });
  }
  const residual = b.cursor;
  const shortcut =
    stride !== 1 || inplanes !== planes * expansion
      ? b.conv(`${name}.downsample.0`, { k: 1, s: stride, c: planes * expansion }, input)
      : input;
  b.sum(name, [residual, shortcut]);
  return planes * expansion;
}

function resnet(layers: 18 | 50, kind: Kind, counts: readonly number[]): ZooModel {
  const b = builder(224);
  b.conv('conv1', { k: 7, s: 2, pad: 3, c: 64 });
  b.pool('maxpool', { k: 3, s: 2, pad: 1 });
  let inplanes = 64;
  counts.forEach((count, i) => {
    const planes = 64 * 2 ** i;
    for (let j = 0; j < count; j++) {
      inplanes = block(b, `layer${i + 1}.${j}`, kind, planes, j === 0 && i > 0 ? 2 : 1, inplanes);
    }
    b.neutral(`layer${i + 1}`, 'identity');
  });
  return {
    id: `torchvision-resnet${layers}`,
    title: `ResNet-${layers} (torchvision${kind === 'bottleneck' ? ', v1.5' : ''})`,
    year: 2015,
    family: 'ResNet',
    endpoint: 'layer4',
    sources: [`${TORCHVISION_MODELS}/resnet.py`, 'https://arxiv.org/abs/1512.03385'],
    network: b.build(),
  };
}

export const torchvisionResnet: ZooModel[] = [
  resnet(18, 'basic', [2, 2, 2, 2]),
  resnet(50, 'bottleneck', [3, 4, 6, 3]),
];
