import { fireEvent, render } from '@testing-library/svelte';
import RfGrid2D from '../../components/widgets/RfGrid2D.svelte';

// Default: 9×9 input → conv 3×3 s1 p1 → 9×9 → conv 3×3 s2 p1 → 5×5 → conv 3×3 s1 p1 → 5×5.
// By hand: r = 1 → 1 + 2·1 = 3 → 3 + 2·1 = 5 → 5 + 2·2 = 9; j = 1, 1, 2, 2; start stays 0.5 (k = 3, p = 1).
// The centre unit (2, 2) of the last map is centred on 0.5 + 2·2 = 4.5 and sees pixels 0…8 on each axis.
const cells = (container: HTMLElement, map: number, attr = 'data-in-rf') =>
  [...container.querySelectorAll(`[data-map="${map}"][${attr}="true"]`)].map(
    (el) => `${el.getAttribute('data-row')},${el.getAttribute('data-col')}`,
  );
const box = (lo: number, hi: number) => {
  const out: string[] = [];
  for (let r = lo; r <= hi; r++) for (let c = lo; c <= hi; c++) out.push(`${r},${c}`);
  return out;
};

describe('RfGrid2D', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('starts on the centre unit of the last map: a 9×9 receptive field centred on (4.5, 4.5)', () => {
    const { container } = render(RfGrid2D, { locale: 'en' });
    expect(container.querySelectorAll('[data-map="0"][data-unit]')).toHaveLength(81);
    expect(container.querySelectorAll('[data-map="3"][data-unit]')).toHaveLength(25);
    expect(container.querySelector('[data-selected="true"]')?.getAttribute('data-map')).toBe('3');
    expect(cells(container, 0)).toEqual(box(0, 8));
    // Map 2: the window of unit 2 is rows/cols 1…3; map 1: units 1…3 of map 2 read 2·u − 1 … 2·u + 1 = 1…7.
    expect(cells(container, 2)).toEqual(box(1, 3));
    expect(cells(container, 1)).toEqual(box(1, 7));
    expect(container.querySelector('[data-centre-h]')?.textContent).toBe('4.5');
    expect(container.querySelector('[data-centre-w]')?.textContent).toBe('4.5');
    expect(container.querySelector('[data-rf-size]')?.getAttribute('data-rf-size')).toBe('9');
    expect(container.querySelectorAll('[data-pad-covered="true"]')).toHaveLength(0);
  });

  it('shows the padding cells the windows of a corner unit cover, in every earlier map', async () => {
    const { container } = render(RfGrid2D, { locale: 'en' });
    await fireEvent.click(
      container.querySelector('[data-map="3"][data-row="0"][data-col="0"]') as HTMLElement,
    );
    // Map 2: window −1…1 → real 0…1, one padding row and column: 3·3 − 2·2 = 5 padding cells.
    expect(cells(container, 2)).toEqual(box(0, 1));
    expect(container.querySelectorAll('[data-map="2"] [data-pad-covered="true"]')).toHaveLength(5);
    // Map 1: map-2 units 0…1 read −1…3; input: map-1 units 0…3 read −1…4 → 6·6 − 5·5 = 11 padding cells.
    expect(cells(container, 1)).toEqual(box(0, 3));
    expect(cells(container, 0)).toEqual(box(0, 4));
    expect(container.querySelectorAll('[data-map="0"] [data-pad-covered="true"]')).toHaveLength(11);
    // Centre 0.5 + 0·2; the lecture's r is still 9 (the window reaches 4 pixels into the padding); 5 × 5 real.
    expect(container.querySelector('[data-centre-w]')?.textContent).toBe('0.5');
    expect(container.querySelector('[data-rf-size]')?.getAttribute('data-rf-size')).toBe('9');
    expect(container.querySelector('[data-seen]')?.textContent).toBe('5 × 5');
  });

  it('previews on hover and returns to the pinned unit when the pointer leaves', async () => {
    const { container } = render(RfGrid2D, { locale: 'en' });
    const cell = container.querySelector('[data-map="2"][data-row="4"][data-col="4"]') as HTMLElement;
    await fireEvent.mouseEnter(cell);
    // Layer 2 unit 4: centre 0.5 + 4·2 = 8.5; r₂ = 5.
    expect(container.querySelector('[data-centre-w]')?.textContent).toBe('8.5');
    expect(container.querySelector('[data-rf-size]')?.getAttribute('data-rf-size')).toBe('5');
    await fireEvent.mouseLeave(cell.parentElement as HTMLElement);
    expect(container.querySelector('[data-centre-w]')?.textContent).toBe('4.5');
  });

  it('moves with the arrow keys inside a map and keeps one tab stop per map', async () => {
    const { container } = render(RfGrid2D, { locale: 'en' });
    const start = container.querySelector('[data-selected="true"]') as HTMLElement;
    await fireEvent.keyDown(start, { key: 'ArrowRight' });
    await fireEvent.keyDown(container.querySelector('[data-selected="true"]') as HTMLElement, {
      key: 'ArrowUp',
    });
    const now = container.querySelector('[data-selected="true"]') as HTMLElement;
    expect([now.getAttribute('data-row'), now.getAttribute('data-col')]).toEqual(['1', '3']);
    for (const map of [0, 1, 2, 3])
      expect(container.querySelectorAll(`[data-map="${map}"][data-unit][tabindex="0"]`)).toHaveLength(1);
    // Unit (1, 3) of the last map: centre (0.5 + 1·2, 0.5 + 3·2) = (2.5, 6.5).
    expect(container.querySelector('[data-centre-h]')?.textContent).toBe('2.5');
    expect(container.querySelector('[data-centre-w]')?.textContent).toBe('6.5');
  });

  it('keeps the pinned unit in the URL and restores it', async () => {
    const first = render(RfGrid2D, { locale: 'en', id: 'g' });
    await fireEvent.click(
      first.container.querySelector('[data-map="1"][data-row="0"][data-col="8"]') as HTMLElement,
    );
    await Promise.resolve();
    expect(new URLSearchParams(window.location.search).get('g')).toBe('1.0.8');
    first.unmount();
    const second = render(RfGrid2D, { locale: 'en', id: 'g' });
    await Promise.resolve();
    const selected = second.container.querySelector('[data-selected="true"]') as HTMLElement;
    expect(selected.getAttribute('data-map')).toBe('1');
    expect(selected.getAttribute('data-col')).toBe('8');
  });

  it('takes other stacks as a prop: two 3×3 convolutions with stride 2 on a 7×7 input', () => {
    // 7 → ⌊(7 + 2 − 3)/2⌋ + 1 = 4 → ⌊(4 + 2 − 3)/2⌋ + 1 = 2; r = 1 → 3 → 3 + 2·2 = 7.
    const { container } = render(RfGrid2D, {
      locale: 'ru',
      input: 7,
      layers: [
        { k: 3, s: 2, p: 1 },
        { k: 3, s: 2, p: 1 },
      ],
    });
    expect(container.querySelectorAll('[data-map="2"][data-unit]')).toHaveLength(4);
    expect(container.querySelector('[data-rf-size]')?.getAttribute('data-rf-size')).toBe('7');
  });
});

describe('RfGrid2D drawing', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('draws the picked unit’s 3×3 links, a window outline per map below it, and the frustum edges', async () => {
    const { container } = render(RfGrid2D, { locale: 'en' });
    // The drawing waits for the grids to be placed (one measurement after the first layout).
    // Unit (2, 2) of layer 3: one line to each of the 9 cells it reads; outlines on maps 2, 1 and 0;
    // two edges for each deeper window (layer 2 → 1 and layer 1 → input).
    await vi.waitFor(() => expect(container.querySelectorAll('[data-link]')).toHaveLength(9));
    expect(
      [...container.querySelectorAll('[data-window]')].map((g) => g.getAttribute('data-window')),
    ).toEqual(['2', '1', '0']);
    expect(container.querySelectorAll('[data-edge]')).toHaveLength(4);
    // A unit of layer 1 reads only the input: 9 links, one outline, no edges.
    await fireEvent.click(
      container.querySelector('[data-map="1"][data-row="4"][data-col="4"]') as HTMLElement,
    );
    expect(container.querySelectorAll('[data-link]')).toHaveLength(9);
    expect(container.querySelectorAll('[data-window]')).toHaveLength(1);
    expect(container.querySelectorAll('[data-edge]')).toHaveLength(0);
  });

  it('orders the back-projection from the picked map down to the input (the animation steps)', () => {
    const { container } = render(RfGrid2D, { locale: 'en' });
    const steps = [0, 1, 2, 3].map((m) =>
      (container.querySelector(`.map[data-map="${m}"]`) as HTMLElement).style.getPropertyValue('--step'),
    );
    expect(steps).toEqual(['3', '2', '1', '0']);
  });

  it('describes the picked unit’s region in words, window by window', async () => {
    const { container } = render(RfGrid2D, { locale: 'en' });
    await fireEvent.click(
      container.querySelector('[data-map="3"][data-row="0"][data-col="0"]') as HTMLElement,
    );
    const lines = [...container.querySelectorAll('[data-region-text] li')].map((li) => li.textContent);
    // By hand (see the corner test above): r = 9, centre (0.5, 0.5), 5 × 5 real pixels; the windows
    // cover rows/columns 0–1, 0–3, 0–4 of maps 2, 1, 0 with 5, 9 and 11 padding cells.
    expect(lines).toEqual([
      'Unit (0, 0) of layer 3: a receptive field of 9 × 9 pixels centred on (0.5, 0.5); it sees 5 × 5 real pixels.',
      'Layer 3 reads layer 2 within rows 0–1 and columns 0–1, and 5 padding cells.',
      'Layer 2 reads layer 1 within rows 0–3 and columns 0–3, and 9 padding cells.',
      'Layer 1 reads the input within rows 0–4 and columns 0–4, and 11 padding cells.',
    ]);
  });

  it('has a legend naming every mark, in the reader’s language', () => {
    const { container } = render(RfGrid2D, { locale: 'ru' });
    const items = [...container.querySelectorAll('[data-legend] li')].map((li) => li.textContent?.trim());
    expect(items).toEqual([
      'выбранный нейрон',
      'его рецептивное поле',
      'окна ядер, слой за слоем',
      'дополнение под его окнами',
      'дополнение',
    ]);
  });
});
