/**
 * Every widget evaluates its network once per change and asks that one analysis everything else: the
 * table, the chart, the photograph's regions and the diagnosis. `evaluate` is counted on mount and on
 * one change of each widget. Catches: a part handed the network without the analysis its widget made
 * (RfOnImage, RfDiagnostics then evaluate it again), or a validation that analyses the draft apart
 * from the view of the same draft.
 */
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { tick, type Component } from 'svelte';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/rf/evaluate.ts', async (importOriginal) =>
  (await import('../unit/support/count-evaluate')).countEvaluate(importOriginal),
);
const { evaluations } = await import('../unit/support/count-evaluate');

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const { analyze, stackToNetwork } = await import('../../src/rf');
const { squareWindow } = await import('../../components/widgets/shared/layers');
const { createFakeErfWorker, installFakeCanvas } = await import('./erf-fake-worker');
const widget = async (name: string) =>
  (await import(`../../components/widgets/${name}.svelte`)).default as Component<Record<string, unknown>>;

/** Lets effects, slices and debounced saves run. */
const settle = async () => {
  await tick();
  await new Promise((r) => setTimeout(r, 300));
  await tick();
};
const rfSize = (c: HTMLElement) => c.querySelector('[data-rf-size]')?.getAttribute('data-rf-size');
const type = (c: HTMLElement, selector: string, value: string) =>
  fireEvent.input(c.querySelector(selector) as HTMLInputElement, { target: { value } });

/** Evaluations on mount (the zoo of some widgets loads on its own first) and on one change. */
async function countOn(
  name: string,
  props: Record<string, unknown>,
  change: (c: HTMLElement) => Promise<unknown>,
): Promise<{ mount: number; change: number }> {
  window.history.replaceState(null, '', '/');
  const Widget = await widget(name);
  evaluations.count = 0;
  const { container } = render(Widget, props);
  await waitFor(() => expect(evaluations.count).toBeGreaterThan(0));
  await settle();
  const mount = evaluations.count;
  evaluations.count = 0;
  await change(container);
  await settle();
  return { mount, change: evaluations.count };
}

describe('one evaluation per change', () => {
  it('the calculator: a kernel edited, then the table, chart, photograph and diagnosis', async () => {
    const counts = await countOn('Calculator', { locale: 'en' }, (c) =>
      type(c, '[data-layer-index="1"] [data-input="kernel-h"]', '5'),
    );
    expect(counts).toEqual({ mount: 1, change: 1 });
  });

  it('the conv arithmetic, the worked example and the alignment lab: a field edited', async () => {
    expect(
      await countOn('ConvArithmetic', { locale: 'en' }, (c) => type(c, '[data-input="k"]', '5')),
    ).toEqual({ mount: 1, change: 1 });
    expect(
      await countOn('WorkedExample', { locale: 'en' }, (c) => type(c, '[data-input="k1"]', '5')),
    ).toEqual({
      mount: 1,
      change: 1,
    });
    expect(await countOn('AlignmentLab', { locale: 'en' }, (c) => type(c, 'input', '20'))).toEqual({
      mount: 1,
      change: 1,
    });
  });

  it('RF on the photo: one evaluation for the model, none for another layer of it', async () => {
    const counts = await countOn('PhotoRf', { locale: 'en' }, async (c) => {
      // resnet_v1_50 at 224 px: block2 r = 99, block1 r = 35 (Google's receptive_field results table).
      expect(rfSize(c)).toBe('99');
      const select = c.querySelector('[data-layer-select]') as HTMLSelectElement;
      select.value = 'block1';
      await fireEvent.change(select);
      expect(rfSize(c)).toBe('35');
    });
    expect(counts).toEqual({ mount: 1, change: 0 });
  });

  it('ERF on the photo: one evaluation for the stack it draws', async () => {
    installFakeCanvas();
    const worker = createFakeErfWorker();
    const counts = await countOn('ErfOnPhoto', { locale: 'en', createWorker: () => worker }, async (c) =>
      expect(rfSize(c)).not.toBeUndefined(),
    );
    expect(counts.mount).toBe(1);
  });
});

describe('the diagnosis panel evaluates nothing it was given', () => {
  // Four 3×3 convolutions on 5 px (padding 1): conv3 and conv4 read at least the whole input.
  const net = stackToNetwork({ h: 5, w: 5 }, Array(4).fill({ op: 'conv', ...squareWindow({ k: 3, p: 1 }) }));
  const borderNames = (c: HTMLElement) => c.querySelector('[data-fact="border"] .names')?.textContent;

  it('without the analysis it evaluates the network itself', async () => {
    const RfDiagnostics = await widget('RfDiagnostics');
    evaluations.count = 0;
    const { container } = render(RfDiagnostics, { network: net, locale: 'en' });
    expect(borderNames(container)).toBe('conv3, conv4');
    expect(evaluations.count).toBe(1);
  });

  it('with the analysis it draws the same panel, at once or in slices, and evaluates nothing', async () => {
    const RfDiagnostics = await widget('RfDiagnostics');
    const analysis = analyze(net);
    evaluations.count = 0;
    const direct = render(RfDiagnostics, { network: net, analysis, locale: 'en' });
    expect(borderNames(direct.container)).toBe('conv3, conv4');
    const sliced = render(RfDiagnostics, { network: net, analysis, locale: 'en', sliced: true });
    await waitFor(() => expect(borderNames(sliced.container)).toBe('conv3, conv4'));
    expect(evaluations.count).toBe(0);
  });
});
