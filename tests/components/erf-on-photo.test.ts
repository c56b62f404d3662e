import { fireEvent, render, waitFor } from '@testing-library/svelte';
import ErfOnPhoto from '../../components/widgets/ErfOnPhoto.svelte';
import {
  formatPhotoErf,
  lastNode,
  mapPlacement,
  parsePhotoErf,
  photoConfig,
  photoNetwork,
} from '../../components/widgets/erf-on-photo';
import { analyze } from '../../src/rf';
import { createFakeErfWorker, installFakeCanvas, type FakeErfWorker } from './erf-fake-worker';

describe('ERF on photo view model', () => {
  it('builds n same-padded 3×3 layers on a 224 input with RF 2n + 1', () => {
    const net = photoNetwork(20);
    const result = analyze(net, { at: lastNode(net) });
    expect(result.ok).toBe(true);
    expect(result.output?.size.w).toBe(224);
    expect(Number(result.output?.rf.w)).toBe(41);
  });

  it('places the map centred on the unit, in % of the image', () => {
    // Unit 111 of 224 is centred at 111.5; a 41-pixel map spans pixels 91…131, i.e. [91, 132).
    expect(mapPlacement({ h: 111.5, w: 111.5 }, 41, { h: 224, w: 224 })).toEqual({
      left: (91 / 224) * 100,
      top: (91 / 224) * 100,
      width: (41 / 224) * 100,
      height: (41 / 224) * 100,
    });
  });

  it('keeps depth, weights and unit in the URL form', () => {
    const state = { layers: 40, setting: 'uniform' as const, unit: { h: 3, w: 200 } };
    expect(parsePhotoErf(formatPhotoErf(state))).toEqual(state);
    expect(parsePhotoErf('n7-relu')).toBeNull();
    expect(parsePhotoErf('garbage')).toBeNull();
    expect(photoConfig(state)).toMatchObject({
      layers: 40,
      weights: 'uniform',
      activation: 'none',
      draws: 1,
    });
  });
});

describe('ErfOnPhoto', () => {
  let worker: FakeErfWorker;
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
    installFakeCanvas();
    worker = createFakeErfWorker();
  });

  it('draws the ERF overlay on the middle unit and moves it to a clicked unit', async () => {
    const { container } = render(ErfOnPhoto, { locale: 'en', createWorker: () => worker });
    const overlay = () => container.querySelector('[data-erf-overlay]') as HTMLCanvasElement;
    await waitFor(() => expect(overlay().dataset.drawn).toBe('true'));
    expect(overlay().dataset.centre).toBe('111.5,111.5');
    const stage = container.querySelector('[data-stage]') as HTMLElement;
    stage.getBoundingClientRect = () => ({
      left: 0,
      top: 0,
      width: 224,
      height: 224,
      right: 224,
      bottom: 224,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    await fireEvent.click(stage, { clientX: 50.5, clientY: 30.5 });
    await waitFor(() => expect(overlay().dataset.centre).not.toBe('111.5,111.5'));
    expect(window.location.search).toMatch(/erfphoto=n20-relu-\d+\.\d+/);
    expect(container.querySelector('[data-erf-readout]')?.textContent).toMatch(/ERF size/);
  });

  it('restores depth and weights from the URL', async () => {
    window.history.replaceState(null, '', '/?erfphoto=n5-uniform');
    const { container } = render(ErfOnPhoto, { locale: 'ru', createWorker: () => worker });
    await waitFor(() =>
      expect(container.querySelector('[data-erf-readout]')?.textContent).toMatch(/11 пикс/),
    );
    expect((container.querySelector('select[data-field="layers"]') as HTMLSelectElement).value).toBe('5');
    expect(worker.sent.find((m) => m.type === 'call')).toMatchObject({
      payload: { layers: 5, weights: 'uniform' },
    });
  });
});
