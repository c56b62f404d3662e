import { fireEvent, render } from '@testing-library/svelte';
import LayerStack1D from '../../components/widgets/LayerStack1D.svelte';

// The default stack: 12 input pixels, conv k3 s1 p1 → 12, conv k3 s2 p1 → 6, conv k3 s1 p1 → 6.
// By hand: r grows 1 → 3 → 5 → 5 + 2·2 = 9; unit 3 of the top layer is centred on pixel 2·3 = 6,
// so it sees pixels 6 − 4 … 6 + 4 = 2…10 (0-based), nine real pixels.
const inRf = (container: HTMLElement, layer: number) =>
  [...container.querySelectorAll(`[data-layer="${layer}"][data-in-rf="true"]`)].map((el) =>
    Number(el.getAttribute('data-index')),
  );

describe('LayerStack1D', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('starts with the middle unit of the top layer selected and shows its nine input pixels', () => {
    const { container } = render(LayerStack1D, { locale: 'en' });
    expect(container.querySelector('[data-selected="true"]')?.getAttribute('data-layer')).toBe('3');
    expect(inRf(container, 0)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(container.querySelector('[data-rf-size]')?.textContent).toBe('9');
  });

  it('highlights the exact window in every earlier layer when a unit is focused', async () => {
    const { container } = render(LayerStack1D, { locale: 'en' });
    const unit = container.querySelector('[data-layer="2"][data-index="0"]') as HTMLElement;
    await fireEvent.focus(unit);
    // Layer-2 unit 0 (stride 2, padding 1) reads layer-1 units −1…1 → real units 0 and 1;
    // those read input pixels −1…2 → real pixels 0, 1, 2. r₂ = 5, of which 2 fall in the padding.
    expect(inRf(container, 1)).toEqual([0, 1]);
    expect(inRf(container, 0)).toEqual([0, 1, 2]);
    expect(container.querySelector('[data-rf-size]')?.textContent).toBe('3');
    expect(container.querySelector('[data-rf-theoretical]')?.textContent).toBe('5');
  });

  it('moves the selection with the arrow keys and keeps one tab stop', async () => {
    const { container } = render(LayerStack1D, { locale: 'en' });
    const selected = container.querySelector('[data-selected="true"]') as HTMLElement;
    await fireEvent.keyDown(selected, { key: 'ArrowLeft' });
    const next = container.querySelector('[data-selected="true"]') as HTMLElement;
    expect(next.getAttribute('data-index')).toBe('2');
    expect(container.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    await fireEvent.keyDown(next, { key: 'ArrowDown' });
    expect(container.querySelector('[data-selected="true"]')?.getAttribute('data-layer')).toBe('2');
  });

  it('saves a changed selection in the URL and restores it on load', async () => {
    const first = render(LayerStack1D, { locale: 'en', id: 'demo' });
    await fireEvent.focus(first.container.querySelector('[data-layer="1"][data-index="4"]') as HTMLElement);
    await Promise.resolve();
    expect(new URLSearchParams(window.location.search).get('demo')).toBe('1.4');
    first.unmount();
    const again = render(LayerStack1D, { locale: 'en', id: 'demo' });
    await Promise.resolve();
    const selected = again.container.querySelector('[data-selected="true"]');
    expect([selected?.getAttribute('data-layer'), selected?.getAttribute('data-index')]).toEqual(['1', '4']);
  });

  it('speaks Russian when asked', () => {
    const { container } = render(LayerStack1D, { locale: 'ru' });
    expect(container.textContent).toContain('Выбранный нейрон видит');
  });

  it('numbers pixels from 0 and says how many pixels of the window lie in the padding', async () => {
    const { container } = render(LayerStack1D, { locale: 'en' });
    // The middle top unit (3) sees pixels 2…10 (0-based), nine pixels, none in the padding.
    expect(container.querySelector('[data-rf-first]')?.textContent).toBe('2');
    expect(container.querySelector('[data-rf-last]')?.textContent).toBe('10');
    expect(container.querySelector('[data-layer="3"][data-index="3"]')?.getAttribute('aria-label')).toBe(
      'conv 3, s 1, unit 3',
    );
    // Top unit 0: centre 0.5, r = 9 → window −4…4 → real pixels 0…4; 4 of the 9 lie in the padding.
    await fireEvent.focus(container.querySelector('[data-layer="3"][data-index="0"]') as HTMLElement);
    expect(container.querySelector('[data-rf-first]')?.textContent).toBe('0');
    expect(container.querySelector('[data-rf-last]')?.textContent).toBe('4');
    expect(container.querySelector('.readout')?.textContent).toContain(
      '4 of the 9 pixels of its window lie in the padding',
    );
  });

  it('draws the padding cells of every layer and marks the ones a window reads', async () => {
    const { container } = render(LayerStack1D, { locale: 'en' });
    // Every layer pads by 1: one padding cell on each side of rows 0, 1 and 2, none above the top.
    const pads = (layer: number) =>
      [...container.querySelectorAll(`[data-pad-layer="${layer}"]`)].map((el) =>
        Number(el.getAttribute('data-pad-index')),
      );
    expect(pads(0)).toEqual([-1, 12]);
    expect(pads(1)).toEqual([-1, 12]);
    expect(pads(2)).toEqual([-1, 6]);
    expect(pads(3)).toEqual([]);
    // Top unit 0 reads layer-2 units −1…1, layer-1 units −3…3 and input pixels −4…4: the cells left of
    // unit 0 are drawn as padding (the RF r = 9 counts them) and marked as read.
    await fireEvent.focus(container.querySelector('[data-layer="3"][data-index="0"]') as HTMLElement);
    const read = (layer: number) =>
      [...container.querySelectorAll(`[data-pad-layer="${layer}"][data-pad-read="true"]`)].map((el) =>
        Number(el.getAttribute('data-pad-index')),
      );
    expect(read(2)).toEqual([-1]);
    expect(read(1)).toEqual([-3, -2, -1]);
    expect(read(0)).toEqual([-4, -3, -2, -1]);
  });

  it("draws the selected unit's k window links and a cone for every row below it", async () => {
    const { container } = render(LayerStack1D, { locale: 'en' });
    expect(container.querySelectorAll('[data-link]')).toHaveLength(3);
    expect(
      [...container.querySelectorAll('[data-cone]')].map((el) => el.getAttribute('data-cone')).sort(),
    ).toEqual(['0', '1', '2']);
    await fireEvent.focus(container.querySelector('[data-layer="1"][data-index="5"]') as HTMLElement);
    expect(container.querySelectorAll('[data-cone]')).toHaveLength(1);
  });
});
