import { fireEvent, render } from '@testing-library/svelte';
import AlignmentLab from '../../components/widgets/AlignmentLab.svelte';
import {
  DEFAULT_CONFIG,
  decodeLab,
  encodeLab,
  labView,
  parseField,
  PRESETS,
} from '../../components/widgets/alignment-lab';

// By hand, on 16 pixels (pixel i spans [i, i + 1), so the input has start 0.5):
//   3×3, s 2, p 1: n = ⌊(16 + 2 − 3)/2⌋ + 1 = 8, S = 2, r = 3, start = 0.5 + (1 − 1)·1 = 0.5
//   1×1, s 2, p 0: n = ⌊15/2⌋ + 1 = 8, S = 2, r = 1, start = 0.5 → aligned
//   2×2, s 2, p 0: n = ⌊14/2⌋ + 1 = 8, S = 2, r = 2, start = 0.5 + 0.5 = 1 → half a pixel from 0.5
//   3×3, s 2, p 0: n = ⌊13/2⌋ + 1 = 7 ≠ 8 → the sum cannot be formed
describe('alignment-lab view model', () => {
  it('finds the bottleneck path and the 1×1 shortcut aligned', () => {
    const v = labView(DEFAULT_CONFIG);
    expect([v.a?.n, v.a?.S, v.a?.r, v.a?.start]).toEqual([8, 2, 3, 0.5]);
    expect([v.b?.n, v.b?.S, v.b?.r, v.b?.start]).toEqual([8, 2, 1, 0.5]);
    expect(v.aligned).toBe(true);
    expect(v.kind).toBeNull();
  });

  it('reports a centre misalignment for a 2×2 window beside the shortcut', () => {
    const v = labView(PRESETS.even);
    expect(v.a?.start).toBe(1);
    expect(v.b?.start).toBe(0.5);
    expect(v.aligned).toBe(false);
    expect(v.kind).toBe('centre');
  });

  it('reports a stride misalignment when the strides differ', () => {
    // 1×1 s 1 on 8 pixels gives 8 features; 1×1 s 2 with padding 4 gives ⌊(8 + 8 − 1)/2⌋ + 1 = 8 too.
    const v = labView({ n: 8, a: { k: 1, s: 1, p: 0 }, b: { k: 1, s: 2, p: 4 } });
    expect([v.a?.n, v.b?.n]).toEqual([8, 8]);
    expect(v.aligned).toBe(false);
    expect(v.kind).toBe('stride');
  });

  it('says when the paths give different sizes instead of adding them', () => {
    const v = labView(PRESETS.valid);
    expect(v.sizeMismatch).toEqual({ a: 7, b: 8 });
    expect(v.aligned).toBeNull();
  });

  it('checks each field against its range', () => {
    expect(parseField('k', '3')).toEqual({ ok: true, value: 3 });
    expect(parseField('k', '10')).toEqual({ ok: false, min: 1, max: 9 });
    expect(parseField('p', '-1')).toEqual({ ok: false, min: 0, max: 4 });
    expect(parseField('s', '1e9')).toEqual({ ok: false, min: 1, max: 4 });
  });

  it('round-trips its link state and writes nothing for the default', () => {
    expect(encodeLab(DEFAULT_CONFIG)).toBeNull();
    expect(decodeLab(encodeLab(PRESETS.even))).toEqual(PRESETS.even);
    expect(decodeLab('n=99;a=1.1.1;b=1.1.1')).toEqual(DEFAULT_CONFIG);
  });
});

describe('AlignmentLab', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('turns misaligned with an even kernel and aligned again with the same kernel on both paths', async () => {
    const { container } = render(AlignmentLab, { locale: 'en' });
    const verdict = () => container.querySelector('[data-verdict]')?.getAttribute('data-verdict');
    expect(verdict()).toBe('aligned');
    const k = container.querySelector('[data-input="a.k"]') as HTMLInputElement;
    await fireEvent.input(k, { target: { value: '2' } });
    // With p = 1 the 2×2 path gives ⌊(16 + 2 − 2)/2⌋ + 1 = 9 features: the sum cannot be formed.
    expect(verdict()).toBe('size');
    await fireEvent.input(container.querySelector('[data-input="a.p"]') as HTMLInputElement, {
      target: { value: '0' },
    });
    expect(verdict()).toBe('centre');
    expect(container.querySelector('[data-verdict]')?.textContent).toContain('0.5 pixels apart');
    // Path B with a 2×2 window too: both centred on 1.
    await fireEvent.input(container.querySelector('[data-input="b.k"]') as HTMLInputElement, {
      target: { value: '2' },
    });
    expect(verdict()).toBe('aligned');
    expect(container.querySelector('[data-branch="b"] [data-q="start"]')?.textContent).toBe('1');
  });

  it('keeps the drawing and names the range next to a rejected field', async () => {
    const { container } = render(AlignmentLab, { locale: 'ru' });
    const p = container.querySelector('[data-input="a.p"]') as HTMLInputElement;
    await fireEvent.input(p, { target: { value: '7' } });
    expect(p.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-error="a.p"]')?.textContent).toContain('от 0 до 4');
    expect(container.querySelector('[data-verdict]')?.getAttribute('data-verdict')).toBe('aligned');
  });

  it('explains a size mismatch in the reader’s language', async () => {
    const { container } = render(AlignmentLab, { locale: 'en' });
    await fireEvent.click(container.querySelector('[data-preset="valid"]') as HTMLElement);
    expect(container.querySelector('[data-verdict]')?.textContent).toContain(
      'path A gives 7 features and path B 8',
    );
    expect(container.querySelector('[data-picture]')).toBeNull();
  });
});
