import { fireEvent, render, waitFor } from '@testing-library/svelte';
import ErfPlayground from '../../components/widgets/ErfPlayground.svelte';
import {
  DEFAULT_PLAYGROUND,
  cltSigma,
  formatPlayground,
  parseField,
  parsePlayground,
  playgroundRf,
  profileSeries,
  seriesDepths,
  slopeThroughOrigin,
  toConfig,
} from '../../components/widgets/erf-playground';
import { simulateErf } from '../../src/rf/erf/run';
import { createFakeErfWorker, installFakeCanvas, type FakeErfWorker } from './erf-fake-worker';

describe('ERF playground view model', () => {
  it('round-trips the settings through the URL form and ignores junk', () => {
    const state = { ...DEFAULT_PLAYGROUND, layers: 20, residual: true, activation: 'relu' as const, seed: 7 };
    expect(parsePlayground(formatPlayground(state))).toEqual(state);
    expect(parsePlayground(null)).toBeNull();
    // Out-of-range or unknown parts keep the defaults; an even kernel falls back to 3.
    expect(parsePlayground('n999-k4-zzz-c0')).toEqual(DEFAULT_PLAYGROUND);
  });

  it('checks fields: whole numbers in range only', () => {
    expect(parseField('layers', ' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseField('layers', '41')).toMatchObject({ ok: false, reason: 'range', max: 40 });
    expect(parseField('layers', '2.5')).toMatchObject({ ok: false, reason: 'number' });
    expect(parseField('draws', '')).toMatchObject({ ok: false, reason: 'number' });
  });

  it('builds the config: strides on the first layers, one draw for a deterministic net', () => {
    const state = { ...DEFAULT_PLAYGROUND, layers: 4, strided: 2 };
    expect(toConfig(state)).toMatchObject({ layers: 4, stride: [2, 2, 1, 1], draws: 1 });
    // r = 1 + 2·(1 + 2 + 4 + 4) = 23.
    expect(playgroundRf(state)).toBe(23);
    expect(toConfig({ ...state, weights: 'random' }).draws).toBe(16);
  });

  it('predicts σ by the CLT only where the formula applies, and it matches the simulation', () => {
    expect(cltSigma({ ...DEFAULT_PLAYGROUND, strided: 1 })).toBeNull();
    expect(cltSigma({ ...DEFAULT_PLAYGROUND, residual: true })).toBeNull();
    const sigma = cltSigma(DEFAULT_PLAYGROUND) as number;
    expect(sigma).toBeCloseTo(Math.sqrt((10 * 8) / 12), 12);
    const result = simulateErf(toConfig(DEFAULT_PLAYGROUND));
    if (!result.ok) throw new Error('simulation failed');
    expect(result.frame.metrics.gaussian.w.std).toBeCloseTo(sigma, 6);
    const { data, fit } = profileSeries(result.frame.metrics);
    expect(data).toHaveLength(21);
    expect(data[10]).toMatchObject({ x: 0 });
    expect(fit.length).toBeGreaterThan(data.length);
  });

  it('lists the series depths and fits a line through the origin', () => {
    expect(seriesDepths(20)).toEqual([1, 2, 4, 8, 16, 20]);
    expect(seriesDepths(1)).toEqual([1]);
    expect(
      slopeThroughOrigin([
        { x: 1, y: 2 },
        { x: 2, y: 4 },
      ]),
    ).toBe(2);
    expect(slopeThroughOrigin([])).toBe(0);
  });
});

describe('ErfPlayground', () => {
  let worker: FakeErfWorker;
  const createWorker = () => worker;
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
    installFakeCanvas();
    worker = createFakeErfWorker();
  });

  const luo = (c: HTMLElement) => Number(c.querySelector('[data-luo-size]')?.getAttribute('data-luo-size'));
  const rf = (c: HTMLElement) =>
    Number(c.querySelector('[data-rf-theoretical]')?.getAttribute('data-rf-theoretical'));
  const layersField = (c: HTMLElement) => c.querySelector('input[data-field="layers"]') as HTMLInputElement;

  it('computes the default network and updates the metrics when the depth changes', async () => {
    const { container } = render(ErfPlayground, { locale: 'en', createWorker });
    const root = container.querySelector('[data-widget="erf-playground"]') as HTMLElement;
    await waitFor(() => expect(root.dataset.status).toBe('done'));
    expect(rf(container)).toBe(21);
    expect(luo(container)).toBeCloseTo(11.7, 1);
    expect(container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('100');

    await fireEvent.input(layersField(container), { target: { value: '20' } });
    await waitFor(() => expect(rf(container)).toBe(41));
    await waitFor(() => expect(luo(container)).toBeCloseTo(16.16, 1));
    expect(window.location.search).toContain('erf=n20-');
    await waitFor(() =>
      expect(container.querySelectorAll('[data-series-point]').length).toBe(seriesDepths(20).length),
    );
  });

  it('shows a message next to a bad field and keeps the last good result', async () => {
    const { container } = render(ErfPlayground, { locale: 'en', createWorker });
    await waitFor(() => expect(luo(container)).toBeGreaterThan(0));
    await fireEvent.input(layersField(container), { target: { value: 'abc' } });
    expect(layersField(container).getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-error="layers"]')?.textContent).toMatch(/1 to 40/);
    expect(luo(container)).toBeCloseTo(11.7, 1);
    await fireEvent.input(container.querySelector('input[data-field="kernel"]') as HTMLElement, {
      target: { value: '4' },
    });
    expect(container.querySelector('[data-error="kernel"]')?.textContent).toMatch(/odd/);
  });

  it('keeps Run disabled while a field is invalid, and enables it again once the field is fixed', async () => {
    const { container } = render(ErfPlayground, { locale: 'en', createWorker });
    const root = container.querySelector('[data-widget="erf-playground"]') as HTMLElement;
    await waitFor(() => expect(root.dataset.status).toBe('done'));
    const run = container.querySelector('[data-run]') as HTMLButtonElement;
    expect(run.disabled).toBe(false);
    await fireEvent.input(layersField(container), { target: { value: '1e9' } });
    expect(run.disabled).toBe(true);
    await fireEvent.input(layersField(container), { target: { value: '12' } });
    expect(run.disabled).toBe(false);
  });

  it('refuses a network whose RF exceeds the limit, with a message by the layers field', async () => {
    const { container } = render(ErfPlayground, { locale: 'en', createWorker });
    await fireEvent.input(container.querySelector('input[data-field="strided"]') as HTMLElement, {
      target: { value: '4' },
    });
    await fireEvent.input(layersField(container), { target: { value: '40' } });
    await waitFor(() =>
      expect(container.querySelector('[data-error="layers"]')?.textContent).toMatch(/over the 1024/),
    );
  });

  it('cancels a long run and says so', async () => {
    worker.hold = true;
    window.history.replaceState(null, '', '/?erf=n10-k3-d1-s0-r0-c2-relu-random-D200-abs-S1');
    const { container, getByText } = render(ErfPlayground, { locale: 'en', createWorker });
    const root = container.querySelector('[data-widget="erf-playground"]') as HTMLElement;
    await waitFor(() => expect(luo(container)).toBeGreaterThan(0));
    expect((container.querySelector('input[data-field="draws"]') as HTMLInputElement).value).toBe('200');
    await fireEvent.click(getByText('Cancel'));
    worker.release();
    expect(root.dataset.status).toBe('cancelled');
    expect(container.querySelector('[data-status-text]')?.textContent).toBe('cancelled');
    expect(worker.sent.at(-1)?.type).toBe('cancel');
  });
});
