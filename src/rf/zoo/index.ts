/** The model zoo: published CNN definitions transcribed layer by layer, with their sources. */
import type { ZooModel } from './model.ts';
import { tfSlimAlexnet } from './tf-slim-alexnet.ts';
import { tfSlimInception } from './tf-slim-inception.ts';
import { tfSlimMobilenet } from './tf-slim-mobilenet.ts';
import { tfSlimResnet } from './tf-slim-resnet.ts';
import { tfSlimVgg } from './tf-slim-vgg.ts';
import { torchvisionAlexnet } from './torchvision-alexnet.ts';
import { torchvisionDensenet } from './torchvision-densenet.ts';
import { torchvisionEfficientnet } from './torchvision-efficientnet.ts';
import { torchvisionInception } from './torchvision-inception.ts';
import { torchvisionMobilenet } from './torchvision-mobilenet.ts';
import { torchvisionResnet } from './torchvision-resnet.ts';
import { torchvisionVgg } from './torchvision-vgg.ts';

export type { ZooModel } from './model.ts';

export const zoo: ZooModel[] = [
  ...tfSlimAlexnet,
  ...tfSlimVgg,
  ...tfSlimMobilenet,
  ...tfSlimResnet,
  ...tfSlimInception,
  ...torchvisionAlexnet,
  ...torchvisionVgg,
  ...torchvisionResnet,
  ...torchvisionMobilenet,
  ...torchvisionDensenet,
  ...torchvisionInception,
  ...torchvisionEfficientnet,
];

const byId = new Map(zoo.map((model) => [model.id, model]));

export function findModel(id: string): ZooModel | undefined {
  return byId.get(id);
}
