/**
 * The calculator under hostile links and pastes. Catches: `?calc=in=5x5;net=__proto__ k=3` throwing in
 * onMount and leaving a half-initialised widget; a 2^53 − 1 input with a unit far out reaching the page
 * as an exception; a 10,000-layer link or paste laid out row by row until the tab froze.
 */
import { fireEvent, render } from '@testing-library/svelte';
import Calculator from '../../components/widgets/Calculator.svelte';
import { MAX_CALC_LAYERS, decodeState } from '../../components/widgets/calculator';

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const link = (calc: string) => window.history.replaceState(null, '', `/?calc=${encodeURIComponent(calc)}`);
const rows = (c: HTMLElement) => c.querySelectorAll('tbody tr[data-row]').length;

describe('Calculator with hostile links', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('a prototype-key link opens the default network and leaves the link alone', () => {
    link('in=5x5;net=__proto__ k=3');
    const { container } = render(Calculator, { locale: 'en' });
    expect(rows(container)).toBeGreaterThan(1);
    expect(container.textContent).not.toMatch(/NaN|undefined|function/);
  });

  it('a 2^53 − 1 input with a unit near 2^52 shows engine messages, not a page error', () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    link('in=9007199254740991x9007199254740991;sel=1;u=4503599627370494,4503599627370494;net=conv k=3 s=2');
    const { container } = render(Calculator, { locale: 'en' });
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    expect(rows(container)).toBe(2);
    expect(container.textContent).not.toMatch(/NaN|RatioOverflow/);
  });

  it(`a link with more than ${MAX_CALC_LAYERS} layers is refused with the cap, before parsing`, () => {
    const long = Array.from({ length: 10_000 }, () => 'conv k=3 p=1').join(' | ');
    expect(decodeState(`in=5x5;net=${long}`)).toBeNull();
    link(`in=5x5;net=${long}`);
    const { container } = render(Calculator, { locale: 'en' });
    const notice = container.querySelector('[data-too-many-layers]');
    expect(notice?.textContent).toContain('10000 layers');
    expect(notice?.textContent).toContain(`at most ${MAX_CALC_LAYERS}`);
    expect(rows(container)).toBeLessThan(10);
  });

  it('a pasted text over the cap is refused in Russian too, and the form keeps its layers', async () => {
    const { container } = render(Calculator, { locale: 'ru' });
    const before = rows(container);
    const text = container.querySelector('[data-stack-text]') as HTMLTextAreaElement;
    const long = Array.from({ length: MAX_CALC_LAYERS + 1 }, () => 'relu').join(' | ');
    await fireEvent.input(text, { target: { value: long } });
    expect(container.querySelector('[data-too-many-layers]')?.textContent).toContain(
      `не больше ${MAX_CALC_LAYERS}`,
    );
    expect(rows(container)).toBe(before);
  });
});
