import { fireEvent, render, waitFor } from '@testing-library/svelte';
import FamousNetworks from '../../components/widgets/FamousNetworks.svelte';
import { decodeFamous, encodeFamous, nextSort, parseSize } from '../../components/widgets/famous-networks';

// jsdom has no ResizeObserver (the drill-down chart measures its width with bind:clientWidth).
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

/** r, S, P at 224×224, from the README of google-research/receptive_field (the lecture's table). */
const PUBLISHED: Record<string, [string, string, string]> = {
  alexnet_v2: ['195', '32', '64'],
  vgg_16: ['212', '32', '90'],
  mobilenet_v1: ['315', '32', '126'],
  mobilenet_v1_075: ['315', '32', '126'],
  resnet_v1_50: ['483', '32', '239'],
  inception_v2: ['699', '32', '318'],
  resnet_v1_101: ['1027', '32', '511'],
  inception_v3: ['1311', '32', '618'],
  resnet_v1_152: ['1507', '32', '751'],
  resnet_v1_200: ['1763', '32', '879'],
  inception_v4: ['2071', '32', '998'],
  inception_resnet_v2: ['3039', '32', '1482'],
};

const visible = (td: Element | null) => {
  const copy = td?.cloneNode(true) as HTMLElement | undefined;
  copy?.querySelectorAll('.visually-hidden').forEach((el) => el.remove());
  return (copy?.textContent ?? '').trim();
};
const table = (container: HTMLElement) =>
  [...container.querySelectorAll('tbody tr[data-model]')].map((tr) => [
    tr.getAttribute('data-model'),
    ...['rf', 'stride', 'padding'].map((c) => visible(tr.querySelector(`td[data-col="${c}"]`))),
  ]);

async function loaded(locale: 'en' | 'ru' = 'en') {
  const result = render(FamousNetworks, { locale });
  await waitFor(
    () => expect(result.container.querySelectorAll('tbody tr[data-model]').length).toBeGreaterThan(0),
    {
      timeout: 5000,
    },
  );
  return result;
}

describe('FamousNetworks', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it("shows the lecture's twelve networks in its order with the published values at 224", async () => {
    const { container } = await loaded();
    expect(table(container)).toEqual(Object.entries(PUBLISHED).map(([id, row]) => [id, ...row]));
    expect(container.querySelectorAll('td.changed')).toHaveLength(0);
  });

  it('labels the 2014 AlexNet as the v2 variant of the 2012 network', async () => {
    const { container } = await loaded();
    const year = container.querySelector('tr[data-model="alexnet_v2"] td[data-col="year"]');
    expect(year?.textContent?.replace(/\s+/g, ' ').trim()).toBe('2014 *(v2 of the 2012 net)');
    expect(container.querySelector('tr[data-model="vgg_16"] [data-year-note]')).toBeNull();
    expect(container.querySelector('[data-year-footnote]')?.textContent).toContain(
      'alexnet_v2, dated 2014, is the later (v2) variant of the 2012 AlexNet.',
    );
  });

  it('recomputes P at 321 and highlights the cells that changed', async () => {
    const { container } = await loaded();
    const size = container.querySelector('[data-input="size"]') as HTMLInputElement;
    await fireEvent.input(size, { target: { value: '321' } });
    const rows = Object.fromEntries(table(container).map(([id, ...rest]) => [id, rest]));
    // By hand: at 321 each of the five stride-2 SAME layers meets an odd size (321, 161, 81, 41, 21) and
    // pads one more pixel on the top/left than at 224, adding 1·1 + 1·2 + 1·4 + 1·8 + 1·16 = 31 to P.
    expect(rows['mobilenet_v1']).toEqual(['315', '32', '157']);
    expect(rows['inception_v2']).toEqual(['699', '32', '349']);
    // VALID/stride-1 padding does not depend on the size.
    expect(rows['vgg_16']).toEqual(['212', '32', '90']);
    const cell = container.querySelector('tr[data-model="mobilenet_v1"] td[data-col="padding"]');
    expect(cell?.getAttribute('data-changed')).toBe('true');
    expect(cell?.textContent).toContain('126');
    expect(new URLSearchParams(window.location.search).get('famous')).toBe('n=321');
  });

  it('keeps the table and explains a bad input size next to the field', async () => {
    const { container } = await loaded('ru');
    const size = container.querySelector('[data-input="size"]') as HTMLInputElement;
    await fireEvent.input(size, { target: { value: '0' } });
    expect(size.getAttribute('aria-invalid')).toBe('true');
    const message = container.querySelector(
      `[id="${(size.getAttribute('aria-describedby') ?? '').split(' ')[0]}"]`,
    );
    expect(message?.textContent).toMatch(/целое число/);
    expect(table(container)).toHaveLength(12);
    expect(container.textContent).not.toContain('NaN');
  });

  it.for(['en', 'ru'] as const)('names the range 1…4096 for "1e9" in %s and keeps P', async (locale) => {
    const { container } = await loaded(locale);
    const size = container.querySelector('[data-input="size"]') as HTMLInputElement;
    await fireEvent.input(size, { target: { value: '1e9' } });
    const message = container.querySelector(
      `[id="${(size.getAttribute('aria-describedby') ?? '').split(' ')[0]}"]`,
    );
    expect(message?.textContent).toMatch(locale === 'en' ? /from 1 to 4096/ : /от 1 до 4096/);
    const rows = Object.fromEntries(table(container).map(([id, ...rest]) => [id, rest]));
    expect(rows['inception_v2']).toEqual(['699', '32', '318']);
  });

  it('sorts by a column and shows the other zoo models on request', async () => {
    const { container } = await loaded();
    await fireEvent.click(container.querySelector('[data-sort="rf"]') as HTMLElement);
    await fireEvent.click(container.querySelector('[data-sort="rf"]') as HTMLElement);
    expect(table(container)[0]?.[0]).toBe('inception_resnet_v2');
    expect(container.querySelector('th[aria-sort]')?.getAttribute('aria-sort')).toBe('descending');
    await fireEvent.click(container.querySelector('[data-show-all]') as HTMLElement);
    expect(table(container).length).toBeGreaterThan(12);
    expect(container.querySelector('tr[data-model="torchvision-resnet50"]')).not.toBeNull();
  });

  it('opens a per-layer table and chart for one model', async () => {
    const { container } = await loaded();
    const button = container.querySelector('[data-open="vgg_16"]') as HTMLElement;
    await fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const detail = container.querySelector('[data-detail="vgg_16"]');
    expect(detail?.textContent).toContain('vgg_16/pool5');
    // VGG-16: 13 convolutions and 5 poolings after the input; pool1 has r = 6 (RECEPTIVE_FIELD_TABLE.md).
    expect(detail?.querySelector('tr[data-row="vgg_16/pool1"] td[data-col="r"]')?.textContent).toBe('6');
    // The chart follows once the table has painted.
    await waitFor(() => expect(detail?.querySelectorAll('[data-point]').length).toBeGreaterThan(10));
  });
});

describe('famous-networks view model', () => {
  it('parses sizes as whole numbers from 1 to 4096', () => {
    expect(parseSize(' 321 ')).toEqual({ ok: true, value: 321 });
    expect(parseSize('0').ok).toBe(false);
    expect(parseSize('2.5').ok).toBe(false);
    expect(parseSize('5000')).toEqual({ ok: false, reason: 'tooLarge' });
  });

  it('flips the direction when the same column is clicked again', () => {
    expect(nextSort({ key: 'order', dir: 'asc' }, 'rf')).toEqual({ key: 'rf', dir: 'asc' });
    expect(nextSort({ key: 'rf', dir: 'asc' }, 'rf')).toEqual({ key: 'rf', dir: 'desc' });
  });

  it('round-trips its link state and writes nothing for the defaults', () => {
    const state = {
      size: 321,
      showAll: true,
      sort: { key: 'padding', dir: 'desc' },
      open: 'inception_v2',
    } as const;
    const text = encodeFamous(state);
    expect(decodeFamous(text)).toEqual(state);
    expect(encodeFamous(decodeFamous(null))).toBeNull();
  });
});
