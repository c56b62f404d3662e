import { accuracySources, accuracyVsRf } from '../../../src/data/accuracy-vs-rf';
import { findModel } from '../../../src/rf/zoo/index';

// Accuracy (TF-slim pretrained-model table, top-1 %) and GFLOPs (Distill's chart), typed in by hand from
// https://github.com/tensorflow/models/tree/master/research/slim and
// https://distill.pub/2019/computing-receptive-fields/ — the file must match them exactly.
const published: Record<string, [number, number]> = {
  alexnet_v2: [57.2, 1.38],
  vgg_16: [71.5, 30.71],
  mobilenet_v1: [70.9, 1.14],
  resnet_v1_50: [75.2, 6.97],
  inception_v2: [73.9, 3.88],
  resnet_v1_101: [76.4, 14.4],
  inception_v3: [78.0, 5.69],
  resnet_v1_152: [76.8, 21.82],
  inception_v4: [80.2, 12.27],
  inception_resnet_v2: [80.4, 12.96],
};

describe('accuracy-vs-rf data', () => {
  it('holds exactly the ten published networks, each once', () => {
    expect(accuracyVsRf.map((p) => p.id).sort()).toEqual(Object.keys(published).sort());
  });

  it.each(Object.entries(published))('%s has the published top-1 and GFLOPs', (id, [top1, gflops]) => {
    const point = accuracyVsRf.find((p) => p.id === id);
    expect(point?.top1).toBe(top1);
    expect(point?.gflops).toBe(gflops);
  });

  it('names a model of the zoo for every point', () => {
    for (const point of accuracyVsRf) expect(findModel(point.id), point.id).toBeDefined();
  });

  it('does not store RF sizes (the chart computes them)', () => {
    for (const point of accuracyVsRf) expect(Object.keys(point).sort()).toEqual(['gflops', 'id', 'top1']);
  });

  it('cites Distill and the TF-slim model table', () => {
    expect(accuracySources.map((s) => s.url)).toEqual([
      'https://distill.pub/2019/computing-receptive-fields/',
      'https://github.com/tensorflow/models/tree/master/research/slim',
    ]);
  });
});
