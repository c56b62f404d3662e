import { fireEvent, render } from '@testing-library/svelte';
import ConvArithmetic from '../../components/widgets/ConvArithmetic.svelte';

const taps = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-in-cell][data-tap="true"]')].map(
    (el) => `${el.getAttribute('data-row')},${el.getAttribute('data-col')}`,
  );
const square = (rows: number[], cols: number[]) => rows.flatMap((r) => cols.map((c) => `${r},${c}`));
const field = (container: HTMLElement, name: string) =>
  container.querySelector(`[data-input="${name}"]`) as HTMLInputElement;
async function set(container: HTMLElement, name: string, value: string) {
  await fireEvent.input(field(container, name), { target: { value } });
}

describe('ConvArithmetic', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('shows the lecture convolution: n = 5, k = 3, p = 1, s = 2 gives a 3×3 output', () => {
    // n_out = ⌊(5 + 2·1 − 3)/2⌋ + 1 = ⌊4/2⌋ + 1 = 3.
    const { container } = render(ConvArithmetic, { locale: 'en' });
    expect(container.querySelector('[data-nout]')?.textContent).toBe('3');
    expect(container.querySelectorAll('[data-out-cell]')).toHaveLength(9);
    expect(container.querySelectorAll('[data-in-cell]')).toHaveLength(49);
    expect(container.querySelector('[data-formula]')?.textContent).toContain('⌊(5 + 2·1 − 3)/2⌋');
    // Step 1: output (0, 0) reads rows and columns −1…1 (one of them padding).
    expect(taps(container)).toEqual(square([-1, 0, 1], [-1, 0, 1]));
    expect(container.querySelector('[data-window-rows]')?.textContent).toBe('−1…1');
  });

  it('steps the window by the stride, fills the output, and steps back', async () => {
    const { container } = render(ConvArithmetic, { locale: 'en' });
    await fireEvent.click(container.querySelector('[data-forward]') as HTMLElement);
    // Output (0, 1): columns 1·2 − 1 … 1·2 + 1 = 1…3.
    expect(taps(container)).toEqual(square([-1, 0, 1], [1, 2, 3]));
    expect(container.querySelector('[data-window-cols]')?.textContent).toBe('1…3');
    expect(container.querySelectorAll('[data-out-cell][data-filled="true"]')).toHaveLength(1);
    await fireEvent.click(container.querySelector('[data-forward]') as HTMLElement);
    await fireEvent.click(container.querySelector('[data-forward]') as HTMLElement);
    // Output (1, 0): rows 1…3, columns −1…1.
    expect(taps(container)).toEqual(square([1, 2, 3], [-1, 0, 1]));
    await fireEvent.click(container.querySelector('[data-back]') as HTMLElement);
    expect(container.querySelector('[data-step]')?.textContent).toBe('3');
  });

  it('jumps anywhere with the scrubber', async () => {
    const { container } = render(ConvArithmetic, { locale: 'en' });
    await fireEvent.input(container.querySelector('[data-scrubber]') as HTMLInputElement, {
      target: { value: '8' },
    });
    // Last output (2, 2): rows and columns 2·2 − 1 … 2·2 + 1 = 3…5, where 5 is padding.
    expect(taps(container)).toEqual(square([3, 4, 5], [3, 4, 5]));
    expect((container.querySelector('[data-forward]') as HTMLButtonElement).disabled).toBe(true);
  });

  it('dilates the kernel: k = 3, d = 2 reads every other cell and k_eff = 5', async () => {
    const { container } = render(ConvArithmetic, { locale: 'en' });
    await set(container, 'd', '2');
    // k_eff = 2·(3 − 1) + 1 = 5; n_out = ⌊(5 + 2 − 5)/2⌋ + 1 = 2.
    expect(container.querySelector('[data-nout]')?.textContent).toBe('2');
    expect(container.querySelectorAll('[data-out-cell]')).toHaveLength(4);
    expect(taps(container)).toEqual(square([-1, 1, 3], [-1, 1, 3]));
  });

  it('explains a window wider than the padded input next to k and keeps the last picture', async () => {
    const { container } = render(ConvArithmetic, { locale: 'en' });
    await set(container, 'k', '7');
    // k = 7 still fits the padded input n + 2p = 7 exactly: n_out = ⌊(7 − 7)/2⌋ + 1 = 1.
    expect(container.querySelector('[data-nout]')?.textContent).toBe('1');
    await set(container, 'p', '0');
    // With p = 0 the window (7) is wider than the input (5): no output at all.
    const k = field(container, 'k');
    expect(k.getAttribute('aria-invalid')).toBe('true');
    const error = container.querySelector('[data-error="k"]') as HTMLElement;
    expect(k.getAttribute('aria-describedby')).toBe(error.id);
    expect(error.textContent).toContain('k_eff = 7');
    expect(error.textContent).toContain('n + 2p = 5');
    expect(container.querySelector('[data-nout]')?.textContent).toBe('1');
    expect(container.querySelectorAll('[data-out-cell]')).toHaveLength(1);
  });

  it('rejects an empty or out-of-range field with a message next to it', async () => {
    const { container } = render(ConvArithmetic, { locale: 'ru' });
    await set(container, 'n', '');
    expect(field(container, 'n').getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-error="n"]')?.textContent).toContain('от 1 до 12');
    await set(container, 's', '0');
    expect(container.querySelector('[data-error="s"]')).not.toBeNull();
    expect(container.querySelector('[data-nout]')?.textContent).toBe('3');
  });

  it("accepts lesson 2's k = 9, p = 0 and explains that the window no longer fits", async () => {
    const { container } = render(ConvArithmetic, { locale: 'en' });
    expect(container.querySelector('[data-field="k"] .field-range')?.textContent).toBe('1–11');
    await set(container, 'k', '9');
    await set(container, 'p', '0');
    const error = container.querySelector('[data-error="k"]') as HTMLElement;
    // k_eff = 9 against n + 2p = 5 + 0: the window is wider than the input (not a range error).
    expect(error.textContent).toContain('k_eff = 9');
    expect(error.textContent).toContain('n + 2p = 5');
    expect(container.querySelector('[data-error="p"]')).toBeNull();
  });

  it('draws valid edits of other fields while one field is rejected', async () => {
    const { container } = render(ConvArithmetic, { locale: 'en' });
    await set(container, 'n', '64');
    expect(container.querySelector('[data-error="n"]')?.textContent).toContain('from 1 to 12');
    expect(container.querySelector('[data-nout]')?.textContent).toBe('3');
    await set(container, 'd', '2');
    // n stays 5 (64 is rejected); d = 2: k_eff = 5, n_out = ⌊(5 + 2 − 5)/2⌋ + 1 = 2.
    expect(container.querySelector('[data-nout]')?.textContent).toBe('2');
    expect(container.querySelectorAll('[data-out-cell]')).toHaveLength(4);
    await set(container, 'n', '7');
    // n = 7, d = 2: n_out = ⌊(7 + 2 − 5)/2⌋ + 1 = 3.
    expect(container.querySelector('[data-nout]')?.textContent).toBe('3');
    // "12e" typed key by key passes through "12" (n_out = ⌊(12 + 2 − 5)/2⌋ + 1 = 5); once the
    // text is rejected, n goes back to what it was before the edit (7).
    await fireEvent.focus(field(container, 'n'));
    await set(container, 'n', '12');
    expect(container.querySelector('[data-nout]')?.textContent).toBe('5');
    await set(container, 'n', '12e');
    expect(field(container, 'n').getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-nout]')?.textContent).toBe('3');
  });

  it('keeps the sizes and the step in the URL and restores them', async () => {
    const first = render(ConvArithmetic, { locale: 'en', id: 'c' });
    await set(first.container, 'n', '7');
    await fireEvent.click(first.container.querySelector('[data-forward]') as HTMLElement);
    await Promise.resolve();
    expect(new URLSearchParams(window.location.search).get('c')).toBe('7.3.1.2.1.1');
    first.unmount();
    const second = render(ConvArithmetic, { locale: 'en', id: 'c' });
    await Promise.resolve();
    // n = 7: n_out = ⌊(7 + 2 − 3)/2⌋ + 1 = 4.
    expect(second.container.querySelector('[data-nout]')?.textContent).toBe('4');
    expect(second.container.querySelector('[data-step]')?.textContent).toBe('2');
  });

  it('plays one step per tick and stops at the last output', async () => {
    vi.useFakeTimers();
    try {
      const { container } = render(ConvArithmetic, { locale: 'en' });
      const play = container.querySelector('[data-play]') as HTMLButtonElement;
      await fireEvent.click(play);
      expect(play.getAttribute('aria-pressed')).toBe('true');
      await vi.advanceTimersByTimeAsync(700);
      expect(container.querySelector('[data-step]')?.textContent).toBe('2');
      // Nine outputs: eight more ticks reach the last one, the next stops the player.
      await vi.advanceTimersByTimeAsync(700 * 8);
      expect(container.querySelector('[data-step]')?.textContent).toBe('9');
      expect(play.getAttribute('aria-pressed')).toBe('false');
    } finally {
      vi.useRealTimers();
    }
  });
});
