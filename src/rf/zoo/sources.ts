/** Shared source URLs. */
export const SLIM_NETS = 'https://github.com/tensorflow/models/blob/master/research/slim/nets';
export const RF_README = 'https://github.com/google-research/receptive_field/blob/master/README.md';
export const RF_TABLE =
  'https://github.com/google-research/receptive_field/blob/master/receptive_field/RECEPTIVE_FIELD_TABLE.md';
export const DISTILL = 'https://distill.pub/2019/computing-receptive-fields/';
export const TORCHVISION_MODELS = 'https://github.com/pytorch/vision/blob/main/torchvision/models';
