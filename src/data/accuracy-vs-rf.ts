/**
 * ImageNet top-1 accuracy and cost of ten TF-slim classification networks, for the chart of accuracy
 * against receptive field size. The selection of networks and the FLOPs follow the Distill article's
 * chart; the accuracies are the TF-slim pretrained-model table's top-1 figures. The RF sizes are NOT
 * stored here: the chart computes them with the engine from the model zoo (`id` is a zoo id).
 */

/** One network of the chart. */
export interface AccuracyPoint {
  /** Model zoo id (TF-slim name). */
  id: string;
  /** ImageNet top-1 accuracy, percent (TF-slim pretrained checkpoint). */
  top1: number;
  /** Cost of one forward pass at 224 px, billions of floating-point operations. */
  gflops: number;
}

export interface AccuracySource {
  id: string;
  title: string;
  url: string;
  /** What the chart takes from it. */
  provides: string;
}

export const accuracySources: AccuracySource[] = [
  {
    id: 'distill',
    title:
      'A. Araujo, W. Norris, J. Sim. "Computing Receptive Fields of Convolutional Neural Networks". Distill, 2019.',
    url: 'https://distill.pub/2019/computing-receptive-fields/',
    provides: 'the networks of the accuracy-vs-RF chart and their FLOPs',
  },
  {
    id: 'tf-slim',
    title: 'TensorFlow-Slim image classification model library: pre-trained models.',
    url: 'https://github.com/tensorflow/models/tree/master/research/slim',
    provides: 'top-1 accuracy of each pretrained checkpoint on ImageNet',
  },
];

export const accuracyVsRf: AccuracyPoint[] = [
  { id: 'alexnet_v2', top1: 57.2, gflops: 1.38 },
  { id: 'vgg_16', top1: 71.5, gflops: 30.71 },
  { id: 'mobilenet_v1', top1: 70.9, gflops: 1.14 },
  { id: 'resnet_v1_50', top1: 75.2, gflops: 6.97 },
  { id: 'inception_v2', top1: 73.9, gflops: 3.88 },
  { id: 'resnet_v1_101', top1: 76.4, gflops: 14.4 },
  { id: 'inception_v3', top1: 78.0, gflops: 5.69 },
  { id: 'resnet_v1_152', top1: 76.8, gflops: 21.82 },
  { id: 'inception_v4', top1: 80.2, gflops: 12.27 },
  { id: 'inception_resnet_v2', top1: 80.4, gflops: 12.96 },
];
