import { fireEvent, render, waitFor } from '@testing-library/svelte';
import AccuracyRfChart from '../../components/widgets/AccuracyRfChart.svelte';
import {
  chartHeight,
  chartLayout,
  chartPoints,
  fitLogTrend,
  nextPoint,
  placeLabels,
  trendAt,
  trendSegment,
} from '../../components/widgets/accuracy-rf-chart';
import { accuracyVsRf } from '../../src/data/accuracy-vs-rf';
import { findModel } from '../../src/rf/zoo/index';

describe('logarithmic trend', () => {
  it('recovers an exact y = 10 + 5 ln x', () => {
    const fit = fitLogTrend([1, Math.E, Math.E ** 2].map((x) => ({ x, y: 10 + 5 * Math.log(x) })));
    expect(fit?.a).toBeCloseTo(10, 10);
    expect(fit?.b).toBeCloseTo(5, 10);
    expect(fit?.r2).toBeCloseTo(1, 10);
    expect(fit?.perDoubling).toBeCloseTo(5 * Math.LN2, 10);
  });

  it('fits noisy points by least squares', () => {
    // ln x = 0, 1, 2 and y = 0, 2, 1: slope Σdx·dy / Σdx² = (1 + 0 + 0) / 2 = 0.5, intercept 1 − 0.5 = 0.5;
    // residuals −0.5, 1, −0.5 → SSres = 1.5, SStot = 2 → R² = 0.25.
    const fit = fitLogTrend([
      { x: 1, y: 0 },
      { x: Math.E, y: 2 },
      { x: Math.E ** 2, y: 1 },
    ]);
    expect(fit?.a).toBeCloseTo(0.5, 10);
    expect(fit?.b).toBeCloseTo(0.5, 10);
    expect(fit?.r2).toBeCloseTo(0.25, 10);
    expect(fit && trendAt(fit, Math.E ** 4)).toBeCloseTo(2.5, 10);
  });

  it('cuts the trend to the plot', () => {
    // y = ln x between x = 1 and e³, inside y from 1 to 2: the segment runs from x = e to x = e².
    const seg = trendSegment({ a: 0, b: 1, r2: 1, perDoubling: Math.LN2 }, [1, Math.E ** 3], [1, 2]);
    expect(seg?.[0][0]).toBeCloseTo(Math.E, 10);
    expect(seg?.[1][0]).toBeCloseTo(Math.E ** 2, 10);
    expect(seg?.[0][1]).toBeCloseTo(1, 10);
    expect(seg?.[1][1]).toBeCloseTo(2, 10);
    // A flat line outside the plot draws nothing.
    expect(trendSegment({ a: 5, b: 0, r2: 1, perDoubling: 0 }, [1, 10], [0, 1])).toBeNull();
  });

  it('refuses what it cannot fit', () => {
    expect(fitLogTrend([])).toBeNull();
    expect(fitLogTrend([{ x: 5, y: 1 }])).toBeNull();
    expect(
      fitLogTrend([
        { x: 5, y: 1 },
        { x: 5, y: 2 },
      ]),
    ).toBeNull();
    expect(
      fitLogTrend([
        { x: -1, y: 1 },
        { x: 0, y: 2 },
      ]),
    ).toBeNull();
  });
});

describe('chart layout', () => {
  // RF sizes of the ten end-points at 224 px, as published in the Distill article's chart.
  const published = {
    alexnet_v2: 195,
    vgg_16: 212,
    mobilenet_v1: 315,
    resnet_v1_50: 483,
    inception_v2: 699,
    resnet_v1_101: 1027,
    inception_v3: 1311,
    resnet_v1_152: 1507,
    inception_v4: 2071,
    inception_resnet_v2: 3039,
  };

  it('takes each RF from the engine, and they match the published ones', () => {
    const points = chartPoints(accuracyVsRf, findModel);
    expect(Object.fromEntries(points.map((p) => [p.id, p.rf]))).toEqual(published);
  });

  test.for([336, 594, 640, 760])('names every network at %i px wide', (width) => {
    const points = chartPoints(accuracyVsRf, findModel);
    const trend = fitLogTrend(points.map((p) => ({ x: p.rf, y: p.top1 })));
    const layout = chartLayout(points, trend, { width, height: chartHeight(width) });
    expect(layout.dots.filter((d) => d.label === null).map((d) => d.id)).toEqual([]);
  });

  it('leaves out a point whose model is missing', () => {
    expect(chartPoints([{ id: 'no_such_net', top1: 50, gflops: 1 }], findModel)).toEqual([]);
  });

  it('puts larger RFs further right and larger accuracies higher', () => {
    const points = chartPoints(accuracyVsRf, findModel);
    const layout = chartLayout(points, fitLogTrend(points.map((p) => ({ x: p.rf, y: p.top1 }))), {
      width: 640,
      height: 420,
    });
    const at = (id: string) => layout.dots.find((d) => d.id === id);
    expect((at('inception_v3')?.cx ?? 0) < (at('resnet_v1_152')?.cx ?? 0)).toBe(true);
    expect((at('inception_v3')?.cy ?? 0) < (at('resnet_v1_152')?.cy ?? 0)).toBe(true);
    // Bubble area ∝ GFLOPs: radius ratio √(30.71 / 1.14) ≈ 5.19 between VGG-16 and MobileNet v1.
    expect((at('vgg_16')?.r ?? 0) / (at('mobilenet_v1')?.r ?? 1)).toBeCloseTo(Math.sqrt(30.71 / 1.14), 5);
    expect(layout.trendPath).toMatch(/^M/);
  });

  it('never lets two labels overlap, nor a label cover another bubble', () => {
    // Three crowded bubbles; labels are 4 characters of about 7 px, 12 px tall, baseline 2 px above the bottom.
    const dots = [
      { id: 'aaaa', cx: 100, cy: 100, r: 5 },
      { id: 'bbbb', cx: 112, cy: 100, r: 5 },
      { id: 'cccc', cx: 106, cy: 112, r: 5 },
    ];
    const spots = placeLabels(dots, { x: 0, y: 0, width: 400, height: 400 });
    const boxes = spots.map((s) => {
      if (s === null) return null;
      const x0 = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - 28 : s.x - 14;
      return { x0: x0 + 0.5, x1: x0 + 27.5, y0: s.y - 9.5, y1: s.y + 1.5 };
    });
    const hit = (a: { x0: number; x1: number; y0: number; y1: number }, b: typeof a) =>
      a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    expect(boxes.every((b) => b !== null)).toBe(true);
    boxes.forEach((a, i) => {
      boxes.forEach((b, j) => {
        if (a && b && i < j) expect(hit(a, b), `${i} and ${j}`).toBe(false);
      });
      dots.forEach((d, j) => {
        if (a && j !== i)
          expect(hit(a, { x0: d.cx - d.r, x1: d.cx + d.r, y0: d.cy - d.r, y1: d.cy + d.r })).toBe(false);
      });
    });
  });

  it('walks the points in RF order with the arrow keys', () => {
    const ids = ['a', 'b', 'c'];
    expect(nextPoint(ids, 'a', 'ArrowRight')).toBe('b');
    expect(nextPoint(ids, 'a', 'ArrowLeft')).toBe('a');
    expect(nextPoint(ids, 'b', 'End')).toBe('c');
    expect(nextPoint(ids, 'b', 'x')).toBeNull();
  });
});

describe('AccuracyRfChart', () => {
  // jsdom has no layout: the chart measures its width with a ResizeObserver (bind:clientWidth).
  beforeAll(() => {
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  });
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('draws ten bubbles and a table once the zoo is loaded', async () => {
    const { container } = render(AccuracyRfChart, { locale: 'en' });
    await waitFor(() => expect(container.querySelectorAll('[data-point]')).toHaveLength(10));
    expect(container.querySelectorAll('tbody tr')).toHaveLength(10);
    const row = container.querySelector('[data-row="vgg_16"]')?.textContent?.replace(/\s+/g, ' ');
    expect(row).toContain('212');
    expect(row).toContain('71.5');
    expect(row).toContain('30.71');
  });

  it('shows a network in a tooltip when its bubble is focused', async () => {
    const { container } = render(AccuracyRfChart, { locale: 'en' });
    await waitFor(() => expect(container.querySelectorAll('[data-point]')).toHaveLength(10));
    await fireEvent.focus(container.querySelector('[data-point="inception_v3"]') as Element);
    const tip = container.querySelector('[data-tooltip="inception_v3"]');
    expect(tip?.querySelector('[data-tooltip-rf]')?.textContent).toBe('1311');
    expect(tip?.querySelector('[data-tooltip-top1]')?.textContent).toBe('78.0');
    expect(tip?.textContent).toContain('5.69');
  });

  it('keeps one tab stop and moves along the RF axis with the arrow keys', async () => {
    const { container } = render(AccuracyRfChart, { locale: 'en' });
    await waitFor(() => expect(container.querySelectorAll('[data-point]')).toHaveLength(10));
    expect(container.querySelectorAll('[data-point][tabindex="0"]')).toHaveLength(1);
    const first = container.querySelector('[data-point="alexnet_v2"]') as Element;
    await fireEvent.focus(first);
    await fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(container.querySelector('[data-point][tabindex="0"]')?.getAttribute('data-point')).toBe('vgg_16');
  });

  it('pins a network with Enter and restores it from the URL', async () => {
    const first = render(AccuracyRfChart, { locale: 'en', id: 'acc' });
    await waitFor(() => expect(first.container.querySelectorAll('[data-point]')).toHaveLength(10));
    const point = first.container.querySelector('[data-point="mobilenet_v1"]') as Element;
    await fireEvent.keyDown(point, { key: 'Enter' });
    expect(point.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('acc')).toBe('mobilenet_v1'));
    first.unmount();
    const again = render(AccuracyRfChart, { locale: 'en', id: 'acc' });
    await waitFor(() =>
      expect(again.container.querySelector('[data-tooltip="mobilenet_v1"]')).not.toBeNull(),
    );
  });

  it('ignores an unknown network in the URL', async () => {
    window.history.replaceState(null, '', '/?accuracy=nonsense');
    const { container } = render(AccuracyRfChart, { locale: 'en' });
    await waitFor(() => expect(container.querySelectorAll('[data-point]')).toHaveLength(10));
    expect(container.querySelector('[data-tooltip]')).toBeNull();
  });

  it('speaks Russian when asked', async () => {
    const { container } = render(AccuracyRfChart, { locale: 'ru' });
    await waitFor(() => expect(container.querySelectorAll('[data-point]')).toHaveLength(10));
    expect(container.textContent).toContain('Данные таблицей');
  });
});
