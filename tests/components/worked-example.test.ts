import { fireEvent, render } from '@testing-library/svelte';
import WorkedExample from '../../components/widgets/WorkedExample.svelte';
import katex from 'katex';
import {
  LECTURE,
  placeholders,
  plainFormula,
  STEPS,
  stepFormulas,
  texWithData,
  workedView,
} from '../../components/widgets/worked-example';

// The lecture: n₀ = 5, conv k = 3, p = 1, s = 2 twice. By hand:
// n₁ = ⌊(5 + 2 − 3)/2⌋ + 1 = 3, j₁ = 1·2 = 2, r₁ = 1 + 2·1 = 3, start₁ = 0.5 + (1 − 1)·1 = 0.5;
// n₂ = ⌊(3 + 2 − 3)/2⌋ + 1 = 2, j₂ = 2·2 = 4, r₂ = 3 + 2·2 = 7, start₂ = 0.5 + (1 − 1)·2 = 0.5.
const cell = (container: HTMLElement, q: string, layer: number) =>
  container.querySelector(`[data-q="${q}"][data-layer="${layer}"]`)?.textContent;
const table = (container: HTMLElement) =>
  [0, 1, 2].map((l) => ['n', 'j', 'r', 'start'].map((q) => cell(container, q, l)).join(' '));
async function set(container: HTMLElement, field: string, value: string) {
  await fireEvent.input(container.querySelector(`[data-input="${field}"]`) as HTMLInputElement, {
    target: { value },
  });
}

describe('WorkedExample', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('reproduces the lecture table', () => {
    const { container } = render(WorkedExample, { locale: 'en' });
    expect(table(container)).toEqual(['5 1 1 0.5', '3 2 3 0.5', '2 4 7 0.5']);
  });

  it('steps through the walkthrough and shows each formula with its numbers', async () => {
    const { container } = render(WorkedExample, { locale: 'en' });
    const root = container.querySelector('[data-widget="worked-example"]') as HTMLElement;
    expect(root.getAttribute('data-step')).toBe('layer0');
    await fireEvent.click(container.querySelector('[data-step-button="layer2"]') as HTMLElement);
    expect(root.getAttribute('data-step')).toBe('layer2');
    const text = container.querySelector('.formulas')?.textContent ?? '';
    expect(text).toContain('n₂ = ⌊(n₁ + 2p₂ − k₂)/s₂⌋ + 1 = ⌊(3 + 2 · 1 − 3)/2⌋ + 1 = 2');
    expect(text).toContain('j₂ = j₁ · s₂ = 2 · 2 = 4');
    expect(text).toContain('r₂ = r₁ + (k₂ − 1) · j₁ = 3 + (3 − 1) · 2 = 7');
    expect(text).toContain('start₂ = start₁ + ((k₂ − 1)/2 − p₂) · j₁ = 0.5 + ((3 − 1)/2 − 1) · 2 = 0.5');
    await fireEvent.click(container.querySelector('[data-prev]') as HTMLElement);
    expect(root.getAttribute('data-step')).toBe('conv2');
    await fireEvent.keyDown(container.querySelector('[aria-current="step"]') as HTMLElement, { key: 'Home' });
    expect(root.getAttribute('data-step')).toBe('layer0');
  });

  it('updates everything downstream: k₂ = 5 makes r₂ = 11', async () => {
    const { container } = render(WorkedExample, { locale: 'en' });
    await set(container, 'k2', '5');
    // n₂ = ⌊(3 + 2 − 5)/2⌋ + 1 = 1, r₂ = 3 + 4·2 = 11, start₂ = 0.5 + (2 − 1)·2 = 2.5; layer 1 unchanged.
    expect(table(container)).toEqual(['5 1 1 0.5', '3 2 3 0.5', '1 4 11 2.5']);
    // Its only feature's box spans 2.5 ± 5.5 = [−3, 8): the drawing has 11 pixel ticks from −3 to 8.
    const ticks = [...container.querySelectorAll('.tick')].map((el) => el.textContent);
    expect(ticks[0]).toBe('−3');
    expect(ticks.at(-1)).toBe('8');
  });

  it('explains a layer that would vanish next to the field and keeps the last picture', async () => {
    const { container } = render(WorkedExample, { locale: 'ru' });
    await set(container, 'k1', '9');
    // n₁ = ⌊(5 + 2 − 9)/2⌋ + 1 = 0: no features.
    const input = container.querySelector('[data-input="k1"]') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = container.querySelector('[data-error="k1"]') as HTMLElement;
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    expect(error.textContent).toContain('(7)');
    expect(table(container)).toEqual(['5 1 1 0,5', '3 2 3 0,5', '2 4 7 0,5']);
    await set(container, 'n0', '');
    expect(container.querySelector('[data-error="n0"]')).not.toBeNull();
  });

  it('never computes with a rejected n₀: "1e9" typed key by key leaves the lecture numbers', async () => {
    const { container } = render(WorkedExample, { locale: 'en' });
    const input = container.querySelector('[data-input="n0"]') as HTMLInputElement;
    expect(container.querySelector('[data-field="n0"] .field-range')?.textContent).toBe('1–16');
    await fireEvent.focus(input);
    for (const text of ['1', '1e', '1e9']) await set(container, 'n0', text);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-error="n0"]')?.textContent).toContain('from 1 to 16');
    // Still the lecture's n₀ = 5: n₁ = 3, n₂ = 2, r₂ = 7 (not the n₀ = 1 that "1" passed through).
    expect(table(container)).toEqual(['5 1 1 0.5', '3 2 3 0.5', '2 4 7 0.5']);
    // A valid edit elsewhere still draws while n₀ is rejected: s₂ = 1 gives n₂ = ⌊(3 + 2 − 3)/1⌋ + 1 = 3.
    await set(container, 's2', '1');
    expect(cell(container, 'n', 2)).toBe('3');
  });

  it('keeps the numbers and the step in the URL', async () => {
    const first = render(WorkedExample, { locale: 'en', id: 'w' });
    await set(first.container, 's1', '1');
    await fireEvent.click(first.container.querySelector('[data-next]') as HTMLElement);
    await Promise.resolve();
    expect(new URLSearchParams(window.location.search).get('w')).toBe('5.3.1.1.3.1.2.1');
    first.unmount();
    const second = render(WorkedExample, { locale: 'en', id: 'w' });
    await Promise.resolve();
    // s₁ = 1: n₁ = 5, j₁ = 1, r₁ = 3; n₂ = ⌊(5 + 2 − 3)/2⌋ + 1 = 3, j₂ = 2, r₂ = 3 + 2·1 = 5.
    expect(table(second.container)[2]).toBe('3 2 5 0.5');
    expect(second.container.querySelector('[data-widget="worked-example"]')?.getAttribute('data-step')).toBe(
      'conv1',
    );
  });

  it('marks every number of the typeset formulas for the island', () => {
    const tex = texWithData(stepFormulas('layer1')[2] ?? '', { r0: '1', k1: '3', j0: '1', r1: '3' });
    expect(tex).toBe(
      '\\begin{aligned} r_1 &= r_0 + (k_1 - 1) \\cdot j_0 \\\\ &= \\htmlData{v=r0}{1} + (\\htmlData{v=k1}{3} - 1) \\cdot \\htmlData{v=j0}{1} = \\htmlData{v=r1}{3} \\end{aligned}',
    );
    expect(plainFormula(stepFormulas('layer0')[3] ?? '', { start0: '0,5' })).toBe('start₀ = 0,5');
  });

  it('typesets every step with KaTeX at build time, each number in a marked span', () => {
    const values = workedView(LECTURE, 'ru').values;
    for (const step of STEPS) {
      const html = stepFormulas(step)
        .map((tex) =>
          katex.renderToString(texWithData(tex, values), {
            displayMode: true,
            throwOnError: true,
            trust: (context) => context.command === '\\htmlData',
            strict: 'ignore',
          }),
        )
        .join('');
      const marked = [...html.matchAll(/data-v="([a-z]+\d)"/g)].map((m) => m[1]);
      expect(marked.sort()).toEqual(placeholders(step).sort());
    }
  });
});
