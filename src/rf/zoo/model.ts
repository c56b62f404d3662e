import type { Network } from '../types.ts';

/** One network of the model zoo: a faithful RF-level transcription of a published definition. */
export interface ZooModel {
  /** Stable identifier, e.g. `resnet_v1_50` (TF-slim names) or `torchvision-resnet50`. */
  id: string;
  /** Human-readable title. */
  title: string;
  /** Year the architecture was published (null if unknown). */
  year: number | null;
  /** Architecture family, e.g. `ResNet`, `Inception`. */
  family: string;
  /** Name of the node whose receptive field the zoo reports (the graph's only sink). */
  endpoint: string;
  /** URLs of the definitions and published figures this entry was transcribed from. */
  sources: string[];
  /** The graph, with `input` set to the model's default input size. */
  network: Network;
}
