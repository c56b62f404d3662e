import { fireEvent, render, waitFor } from '@testing-library/svelte';
import Calculator from '../../components/widgets/Calculator.svelte';
import { calcView, decodeState, encodeState, presetState } from '../../components/widgets/calculator';

// jsdom has no ResizeObserver (the chart measures its width with bind:clientWidth).
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

type Cells = Record<string, string | null>;
const rowCells = (row: Element | null | undefined): Cells =>
  Object.fromEntries(
    [...(row?.querySelectorAll('td[data-col]') ?? [])].map((td) => [
      td.getAttribute('data-col'),
      td.textContent,
    ]),
  );
const lastRow = (container: HTMLElement) =>
  rowCells([...container.querySelectorAll('tbody tr[data-row]')].at(-1));
const field = (container: HTMLElement, layer: number, name: string) =>
  container.querySelector(`[data-layer-index="${layer}"] [data-input="${name}"]`) as HTMLInputElement;

describe('Calculator', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it("opens on the lecture's example: the last row is n = 2, j = 4, r = 7, start = 0.5, P = 3", () => {
    // By hand: n = ⌊(5 + 2 − 3)/2⌋ + 1 = 3, then ⌊(3 + 2 − 3)/2⌋ + 1 = 2; j = 2·2 = 4; r = 1 + 2·1 + 2·2 = 7;
    // start = 0.5 + (1 − 1)·j = 0.5 twice; P = r/2 − start = 3.
    const { container } = render(Calculator, { locale: 'en' });
    expect(container.querySelectorAll('tbody tr[data-row]')).toHaveLength(3);
    expect(lastRow(container)).toEqual({ n: '2', j: '4', r: '7', start: '0.5', S: '4', P: '3' });
  });

  it('puts a stride of 0 next to the stride field and keeps the last valid table', async () => {
    const { container } = render(Calculator, { locale: 'en' });
    const stride = field(container, 1, 'stride-h');
    await fireEvent.input(stride, { target: { value: '0' } });
    expect(stride.getAttribute('aria-invalid')).toBe('true');
    const message = container.querySelector(`[id="${stride.getAttribute('aria-describedby') ?? ''}"]`);
    expect(message?.closest('[data-layer-index]')?.getAttribute('data-layer-index')).toBe('1');
    expect(message?.textContent).toMatch(/stride/);
    expect(lastRow(container).r).toBe('7');
    expect(container.textContent).not.toContain('NaN');
    await fireEvent.input(stride, { target: { value: '1' } });
    // Stride 1 then 2: r = 1 + 2·1 + 2·1 = 5, j = 2.
    await waitFor(() => expect(lastRow(container)).toMatchObject({ r: '5', j: '2' }));
    expect(stride.getAttribute('aria-invalid')).toBe('false');
  });

  it('shows a translated message in Russian and never NaN for text that is not a number', async () => {
    const { container } = render(Calculator, { locale: 'ru' });
    const kernel = field(container, 2, 'kernel-h');
    await fireEvent.input(kernel, { target: { value: 'abc' } });
    const message = container.querySelector(`[id="${kernel.getAttribute('aria-describedby') ?? ''}"]`);
    expect(message?.textContent).toMatch(/целое число/);
    expect(container.textContent).not.toContain('NaN');
    expect((container.querySelector('[data-stack-text]') as HTMLTextAreaElement).value).not.toContain('NaN');
  });

  it.for(['en', 'ru'] as const)(
    'explains an input size of "1e9" in %s next to the field, naming the range, and keeps the table',
    async (locale) => {
      const { container } = render(Calculator, { locale });
      const h = container.querySelector('[data-input="input-h"]') as HTMLInputElement;
      await fireEvent.input(h, { target: { value: '1e9' } });
      expect(h.getAttribute('aria-invalid')).toBe('true');
      const message = container.querySelector(`[id="${h.getAttribute('aria-describedby') ?? ''}"]`);
      const text = message?.textContent ?? '';
      expect(text).toMatch(
        locale === 'en'
          ? /whole number from 1 to 9,007,199,254,740,991/
          : /целое число от 1 до 9\s007\s199\s254\s740\s991/,
      );
      expect(text).not.toMatch(/[{}]|null|Layer "input"/);
      // The lecture's table (5 × 5 input) stays drawn.
      expect(lastRow(container)).toMatchObject({ n: '2', r: '7' });
    },
  );

  it('reads a pasted stack into the form and the table', async () => {
    const { container } = render(Calculator, { locale: 'en' });
    const text = container.querySelector('[data-stack-text]') as HTMLTextAreaElement;
    await fireEvent.input(text, { target: { value: 'conv k=5 | conv k=5' } });
    // Two 5×5 convolutions, stride 1, no padding, on 5×5: n = 1 then vanishes… so use a larger input.
    await fireEvent.input(container.querySelector('[data-input="input-h"]') as HTMLInputElement, {
      target: { value: '32' },
    });
    await fireEvent.input(container.querySelector('[data-input="input-w"]') as HTMLInputElement, {
      target: { value: '32' },
    });
    expect(container.querySelectorAll('[data-layer-index]')).toHaveLength(2);
    expect(field(container, 2, 'kernel-h').value).toBe('5');
    // r = 1 + 4 + 4 = 9, n = 32 − 4 − 4 = 24.
    expect(lastRow(container)).toMatchObject({ n: '24', r: '9', j: '1' });
  });

  it('reports a stack it cannot read with the offending token and keeps the form', async () => {
    const { container } = render(Calculator, { locale: 'en' });
    const text = container.querySelector('[data-stack-text]') as HTMLTextAreaElement;
    await fireEvent.input(text, { target: { value: 'conv k=3 | blob' } });
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('.stack-text [data-field-error]')?.textContent).toContain('blob');
    expect(container.querySelectorAll('[data-layer-index]')).toHaveLength(2);
  });

  it.for([
    [
      'en',
      'conv k=3 s=9007199254740992',
      /s must be a whole number from 1 to 9,007,199,254,740,991 \(got “9007199254740992”\)/,
    ],
    [
      'ru',
      'conv k=3 s=9007199254740992',
      /s — целое число от 1 до 9\s007\s199\s254\s740\s991 \(получено «9007199254740992»\)/,
    ],
    ['en', 'conv k=3 s=0.5', /s must be a whole number or H×W \(got “0.5”\)/],
    ['ru', 'conv k=3 s=0.5', /s — целое число или H×W \(получено «0.5»\)/],
    ['ru', 'conv k=3 | blob', /слоя «blob» нет/],
    ['ru', 'conv k=3 q=1', /у «conv» нет параметра «q» \(параметры: k, s, p, d\)/],
  ] as const)('explains the stack text in %s: %s', async ([locale, stack, expected]) => {
    const { container } = render(Calculator, { locale });
    const text = container.querySelector('[data-stack-text]') as HTMLTextAreaElement;
    await fireEvent.input(text, { target: { value: stack } });
    const error = container.querySelector('.stack-text [data-field-error]')?.textContent ?? '';
    expect(error).toMatch(expected);
    if (locale === 'ru')
      expect(error, 'no English left in a Russian message').not.toMatch(/\b(got|must|expected|unknown)\b/);
    // The lecture's example stays drawn.
    expect(lastRow(container)).toMatchObject({ n: '2', r: '7' });
  });

  it('adds, duplicates, moves and removes layers', async () => {
    const { container } = render(Calculator, { locale: 'en' });
    const text = () => (container.querySelector('[data-stack-text]') as HTMLTextAreaElement).value;
    await fireEvent.click(container.querySelector('[data-add-layer]') as HTMLElement);
    expect(text()).toBe('conv k=3 s=2 p=1 | conv k=3 s=2 p=1 | conv k=3 p=1');
    await fireEvent.click(
      container.querySelector('[data-layer-index="3"] [data-action="up"]') as HTMLElement,
    );
    expect(text()).toBe('conv k=3 s=2 p=1 | conv k=3 p=1 | conv k=3 s=2 p=1');
    await fireEvent.keyDown(
      container.querySelector('[data-layer-index="2"] [data-action="op"]') as HTMLElement,
      {
        key: 'ArrowUp',
        altKey: true,
      },
    );
    expect(text()).toBe('conv k=3 p=1 | conv k=3 s=2 p=1 | conv k=3 s=2 p=1');
    await fireEvent.click(
      container.querySelector('[data-layer-index="1"] [data-action="duplicate"]') as HTMLElement,
    );
    expect(container.querySelectorAll('[data-layer-index]')).toHaveLength(4);
    await fireEvent.click(
      container.querySelector('[data-layer-index="1"] [data-action="remove"]') as HTMLElement,
    );
    await fireEvent.click(
      container.querySelector('[data-layer-index="1"] [data-action="remove"]') as HTMLElement,
    );
    expect(text()).toBe('conv k=3 s=2 p=1 | conv k=3 s=2 p=1');
  });

  it('keeps its state in the URL and restores it from a link', async () => {
    const first = render(Calculator, { locale: 'en', id: 'calc' });
    await fireEvent.input(field(first.container, 2, 'kernel-h'), { target: { value: '2' } });
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('calc')).toContain('k=2'));
    const before = lastRow(first.container);
    first.unmount();
    const second = render(Calculator, { locale: 'en', id: 'calc' });
    await waitFor(() => expect(lastRow(second.container)).toEqual(before));
    // Kernel 2 after j = 2, on a 3-wide map with padding 1: n = ⌊(3 + 2 − 2)/2⌋ + 1 = 2, r = 3 + 1·2 = 5.
    expect(before).toMatchObject({ n: '2', r: '5', j: '4' });
  });
});

describe('calculator view model', () => {
  const last = (id: string) => {
    const state = presetState(id);
    if (state === null) throw new Error(`no preset ${id}`);
    return calcView(state).analysis.layers.at(-1);
  };

  it('VGG-16 preset ends at r = 212, S = 32, P = 90 (receptive_field README)', () => {
    const row = last('vgg16');
    expect([row?.rf.h, row?.stride?.h, row?.padding?.h]).toEqual([
      212,
      { num: 32, den: 1 },
      { num: 90, den: 1 },
    ]);
  });

  it('Inception-v3 stem ends at r = 31, S = 8, P = 2 (RECEPTIVE_FIELD_TABLE.md, MaxPool_5a_3x3)', () => {
    const row = last('inception3');
    expect([row?.rf.h, row?.stride?.h, row?.padding?.h]).toEqual([
      31,
      { num: 8, den: 1 },
      { num: 2, den: 1 },
    ]);
  });

  it('ResNet-50 main path ends at r = 427, S = 32 (by hand: 7 + 4 + 24 + 56 + 176 + 160)', () => {
    const row = last('resnet50');
    expect([row?.rf.h, row?.stride?.h]).toEqual([427, { num: 32, den: 1 }]);
  });

  it('round-trips a state through a link parameter', () => {
    const state = presetState('unet');
    if (state === null) throw new Error('no preset');
    const text = encodeState({ ...state, selected: 3, unit: { h: 1, w: 2 } });
    expect(text).not.toBeNull();
    const back = decodeState(text);
    expect(back?.selected).toBe(3);
    expect(back?.unit).toEqual({ h: 1, w: 2 });
    expect(encodeState(back!)).toBe(text);
  });

  it('does not write a state a reload could not restore (stride 0)', () => {
    const state = presetState('lecture')!;
    state.layers[0]!.stride.h = '0';
    expect(encodeState(state)).toBeNull();
  });

  it('puts a vanishing map next to the kernel that is too wide', () => {
    // The lecture: layer 2 reads a 3-wide map with padding 1 (5 wide), so a 9-wide kernel leaves
    // ⌊(5 − 9)/2⌋ + 1 = −1 outputs.
    const state = presetState('lecture')!;
    state.layers[1]!.kernel.h = '9';
    const placed = calcView(state).issues.filter((p) => p.issue.code === 'vanishing-map');
    // One square kernel field sets both axes: one message per axis, both on that field.
    expect(placed.map((p) => [p.layer, p.field, p.axis])).toEqual([
      [1, 'kernel', 'h'],
      [1, 'kernel', 'w'],
    ]);
  });

  it('shows a padding mode that does not fit on the layer, since no padding field is shown', () => {
    const state = presetState('lecture')!;
    state.layers[1]!.padMode = 'torch-same';
    const placed = calcView(state).issues.filter((p) => p.issue.severity === 'error');
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.every((p) => p.layer === 1 && p.field === 'layer')).toBe(true);
  });
});

describe('Calculator photograph', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('draws the selected unit with RfOnImage: at 9 × 9 the middle unit of conv2 covers rows and columns 1–7', async () => {
    // n: 9 → ⌊(9 + 2 − 3)/2⌋ + 1 = 5 → 3; unit 1 is centred on 0.5 + 1·4 = 4.5, r = 7: pixels 1…7.
    const { container } = render(Calculator, { locale: 'en' });
    for (const axis of ['h', 'w'])
      await fireEvent.input(container.querySelector(`[data-input="input-${axis}"]`) as HTMLInputElement, {
        target: { value: '9' },
      });
    const image = container.querySelector('[data-rf-on-image]');
    expect(image?.querySelector('[data-rf-size]'), 'RfOnImage replaces the default readout').toBeNull();
    const readout = image?.querySelector('[data-image-readout]');
    expect(readout?.querySelector('[data-window]')?.getAttribute('data-window')).toBe('1 7 1 7');
    expect(readout?.textContent).toMatch(/Unit \(1, 1\) of .*RF 7 px, centre \(4\.5, 4\.5\)/);
    expect(image?.querySelector('[data-rf-box]')?.getAttribute('width')).toBe('7');
  });
});

describe('Calculator with a long network', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('draws the table of ResNet-50 whole but only the rows of its 50-layer form in view; a new 51st row is drawn and focused', async () => {
    // torchvision ResNet-50 main path: conv1, pool, then 3 + 4 + 6 + 3 = 16 blocks of three convolutions.
    const { container } = render(Calculator, { locale: 'en', preset: 'resnet50' });
    expect(container.querySelectorAll('tbody tr[data-row]')).toHaveLength(51);
    expect(container.querySelector('ol[data-layer-count]')?.getAttribute('data-layer-count')).toBe('50');
    const drawn = container.querySelectorAll('li[data-layer-index]');
    expect(drawn.length).toBeLessThan(50);
    expect(drawn[0]?.getAttribute('aria-setsize'), 'each row says how long the list is').toBe('50');
    expect(container.querySelector('[data-layer-index="50"]')).toBeNull();
    await fireEvent.click(container.querySelector('[data-add-layer]') as HTMLElement);
    await waitFor(() =>
      expect(document.activeElement).toBe(
        container.querySelector('[data-layer-index="51"] select[data-action="op"]'),
      ),
    );
    expect(container.querySelector('[data-layer-index="51"]')?.getAttribute('aria-posinset')).toBe('51');
    expect(container.querySelectorAll('tbody tr[data-row]')).toHaveLength(52);
  });

  it('keeps the first layer with an error in the page and sends the focus to its field from the message', async () => {
    const { container } = render(Calculator, { locale: 'en' });
    for (const axis of ['h', 'w'])
      await fireEvent.input(container.querySelector(`[data-input="input-${axis}"]`) as HTMLInputElement, {
        target: { value: '32' },
      });
    // 39 convolutions that keep 32 × 32, then a 99-wide window on a 32-pixel map: layer 40 vanishes.
    const stack = [...Array.from({ length: 39 }, () => 'conv k=3 p=1'), 'conv k=99'].join(' | ');
    await fireEvent.input(container.querySelector('[data-stack-text]') as HTMLTextAreaElement, {
      target: { value: stack },
    });
    expect(container.querySelectorAll('li[data-layer-index]').length).toBeLessThan(40);
    const shown = container.querySelector('[data-show-error]') as HTMLButtonElement | null;
    expect(shown, 'the message offers the way to the field').not.toBeNull();
    expect(shown?.textContent).toContain('layer 40');
    const row = container.querySelector('li[data-layer-index="40"]');
    expect(row, 'layer 40, the one with the error, is in the page').not.toBeNull();
    expect(row?.querySelector('[data-field-error]')?.textContent ?? '').not.toBe('');
    await fireEvent.click(shown as HTMLButtonElement);
    await waitFor(() => expect(document.activeElement?.closest('li')).toBe(row));
    expect(document.activeElement?.getAttribute('aria-invalid')).toBe('true');
  });
});
