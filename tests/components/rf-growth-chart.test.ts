import { fireEvent, render } from '@testing-library/svelte';
import RfGrowthChart from '../../components/widgets/RfGrowthChart.svelte';
import { growthPoints, layoutChart } from '../../components/widgets/rf-growth-chart';
import { analyze, stackToNetwork, type Layer } from '../../src/rf';

// jsdom has no ResizeObserver (the chart measures its width with bind:clientWidth).
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const conv3: Layer = {
  op: 'conv',
  kernel: { h: 3, w: 3 },
  stride: { h: 1, w: 1 },
  dilation: { h: 1, w: 1 },
  padding: { mode: 'explicit', h: { before: 1, after: 1 }, w: { before: 1, after: 1 } },
};
// Three 3×3 convolutions with stride 1: r = 1, 3, 5, 7 (each adds k − 1 = 2).
const layers = analyze(stackToNetwork({ h: 16, w: 16 }, [conv3, conv3, conv3])).layers;

describe('RfGrowthChart', () => {
  it('draws one focusable point per layer, labelled with its RF size', () => {
    const { container } = render(RfGrowthChart, { layers, locale: 'en' });
    const points = [...container.querySelectorAll('[data-point]')];
    expect(points.map((p) => p.getAttribute('aria-label'))).toEqual([
      'input: r = 1',
      'conv1: r = 3',
      'conv2: r = 5',
      'conv3: r = 7',
    ]);
    expect(container.querySelectorAll('[data-point][tabindex="0"]')).toHaveLength(1);
  });

  it('selects a point on click and moves with the arrow keys', async () => {
    const picked: string[] = [];
    const { container, rerender } = render(RfGrowthChart, {
      layers,
      selected: 'conv1',
      onselect: (n: string) => picked.push(n),
      locale: 'en',
    });
    await fireEvent.click(container.querySelector('[data-point="conv3"]') as Element);
    await fireEvent.keyDown(container.querySelector('[data-point="conv1"]') as Element, {
      key: 'ArrowRight',
    });
    await fireEvent.keyDown(container.querySelector('[data-point="conv1"]') as Element, { key: 'Home' });
    expect(picked).toEqual(['conv3', 'conv2', 'input']);
    await rerender({ layers, selected: 'conv2', locale: 'en' });
    expect(container.querySelector('[data-chart-rf]')?.textContent).toBe('5');
  });

  it('switches between a log and a linear y scale', async () => {
    const { container } = render(RfGrowthChart, { layers, locale: 'en' });
    expect(container.querySelector('figure')?.getAttribute('data-scale')).toBe('log');
    const linear = container.querySelector('input[value="linear"]') as HTMLInputElement;
    await fireEvent.click(linear);
    expect(container.querySelector('figure')?.getAttribute('data-scale')).toBe('linear');
  });
});

describe('rf-growth-chart layout', () => {
  it('puts larger receptive fields higher and the input at the left', () => {
    const chart = layoutChart(growthPoints(layers), { width: 400, height: 200, scale: 'linear' });
    const ys = chart.points.map((p) => p.y.h);
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
    expect(chart.points[0]?.x).toBe(chart.margin.left);
    expect(chart.pathW).toBeNull();
  });

  it('uses log ticks at 1, 3, 10, 30… and a reference line for the input size', () => {
    const chart = layoutChart(growthPoints(layers), { width: 400, height: 200, scale: 'log', reference: 16 });
    expect(chart.yTicks.map((t) => t.value).slice(0, 3)).toEqual([1, 3, 10]);
    expect(chart.referenceY).not.toBeNull();
  });

  it('plots a branching network by depth and draws the largest r of each depth, not a zig-zag', () => {
    // input → a1 (3×3, r 3) → a2 (3×3, r 5) → add; input → b1 (1×1, r 1) → add (r 5), listed in
    // graph order with the long branch first. Depths: input 0, a1 1, a2 2, b1 1, add 1 + max(2, 1) = 3.
    const graph = [
      { name: 'input', rf: { h: 1, w: 1 }, global: false, inputs: [] },
      { name: 'a1', rf: { h: 3, w: 3 }, global: false, inputs: ['input'] },
      { name: 'a2', rf: { h: 5, w: 5 }, global: false, inputs: ['a1'] },
      { name: 'b1', rf: { h: 1, w: 1 }, global: false, inputs: ['input'] },
      { name: 'add', rf: { h: 5, w: 5 }, global: false, inputs: ['a2', 'b1'] },
    ];
    const points = growthPoints(graph);
    expect(points.map((p) => [p.name, p.index])).toEqual([
      ['input', 0],
      ['a1', 1],
      ['b1', 1],
      ['a2', 2],
      ['add', 3],
    ]);
    const chart = layoutChart(points, { width: 400, height: 200, scale: 'linear' });
    const at = (name: string) => chart.points.find((p) => p.name === name);
    expect(at('b1')?.x).toBe(at('a1')?.x);
    // The curve: one vertex per depth, through r = 1, 3, 5, 5 (b1's r = 1 at depth 1 is a point only).
    const vertices = [...chart.pathH.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    // d3 writes the path with three decimals.
    const round = (v: number | undefined) => Math.round((v ?? NaN) * 1000) / 1000;
    expect(vertices).toEqual(['input', 'a1', 'a2', 'add'].map((n) => [round(at(n)?.x), round(at(n)?.y.h)]));
  });

  it('reads a list without inputs as a chain', () => {
    expect(growthPoints(layers).map((p) => p.index)).toEqual([0, 1, 2, 3]);
  });
});
