import { createRawSnippet } from 'svelte';
import { fireEvent, render } from '@testing-library/svelte';
import Exercise from '../../components/widgets/Exercise.svelte';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  expectedAnswer,
  judge,
  parseAnswer,
  predictionDistance,
  stackLayers,
} from '../../components/widgets/exercise';
import { exerciseTotal, solvedCount } from '../../src/lib/exercises';
import { ratio } from '../../src/rf';

const content = path.resolve(__dirname, '../../content');

const question = (text: string) => createRawSnippet(() => ({ render: () => `<span>${text}</span>` }));

async function answer(container: HTMLElement, text: string) {
  const input = container.querySelector('[data-answer]') as HTMLInputElement;
  await fireEvent.input(input, { target: { value: text } });
  await fireEvent.submit(input.form as HTMLFormElement);
}

describe('Exercise: answers', () => {
  it('reads integers, decimals with a point or a comma, fractions and a Unicode minus exactly', () => {
    expect(parseAnswer('7')).toEqual({ ok: true, value: ratio(7), decimals: 0 });
    expect(parseAnswer(' 0.5 ')).toEqual({ ok: true, value: ratio(1, 2), decimals: 1 });
    expect(parseAnswer('1/2')).toEqual({ ok: true, value: ratio(1, 2), decimals: 0 });
    expect(parseAnswer('-1,5')).toEqual({ ok: true, value: ratio(-3, 2), decimals: 1 });
    expect(parseAnswer('−3')).toEqual({ ok: true, value: ratio(-3), decimals: 0 });
    expect(parseAnswer('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseAnswer('seven')).toEqual({ ok: false, reason: 'format' });
    expect(parseAnswer('1/0')).toEqual({ ok: false, reason: 'format' });
  });

  it('accepts a rounded decimal only for values without a finite decimal form', () => {
    const third = ratio(1, 3);
    expect(judge({ ok: true, value: ratio(33, 100), decimals: 2 }, third)).toBe('correct');
    expect(judge({ ok: true, value: ratio(3, 10), decimals: 1 }, third)).toBe('too-small');
    expect(judge({ ok: true, value: ratio(5, 10), decimals: 1 }, ratio(1, 2))).toBe('correct');
    expect(judge({ ok: true, value: ratio(49, 100), decimals: 2 }, ratio(1, 2))).toBe('too-small');
  });

  it('reads the stack grammar of the lessons', () => {
    const parsed = stackLayers('conv k=3 s=2 p=1 | pool k=2 s=2 ceil');
    expect(parsed.ok).toBe(true);
    expect(stackLayers('conv s=2').ok).toBe(false);
    expect(stackLayers('dense k=3').ok).toBe(false);
  });
});

describe('Exercise widget', () => {
  // Answers are kept in the browser's storage; every test starts as a new reader.
  beforeEach(() => window.localStorage.clear());

  // Two 5×5 convolutions with stride 1: r₁ = 1 + 4·1 = 5, r₂ = 5 + 4·1 = 9.
  const twoFives = {
    locale: 'en' as const,
    id: 'ex-two-5x5',
    stack: 'conv k=5 | conv k=5',
    input: 32,
    quantity: 'rf' as const,
    hints: { '10': 'Adding 5 + 5 counts the shared centre pixel twice.' },
    hint: 'Each 5×5 layer adds k − 1 = 4 pixels.',
    children: question('Two 5×5 convolutions — what is r₂?'),
  };

  it('shows the question and labels the field with the symbol of the last layer', () => {
    const { container, getByText, getByLabelText } = render(Exercise, twoFives);
    expect(getByText('Two 5×5 convolutions — what is r₂?')).toBeTruthy();
    expect(getByLabelText('r₂ =')).toBe(container.querySelector('[data-answer]'));
    expect(container.querySelector('[data-widget="exercise"]')).not.toBeNull();
  });

  it('gives the specific hint for a known wrong value, with its direction', async () => {
    const { container } = render(Exercise, twoFives);
    await answer(container, '10');
    const hint = container.querySelector('[data-hint]');
    expect(hint?.textContent).toContain('counts the shared centre pixel twice');
    expect(hint?.querySelector('[data-direction]')?.getAttribute('data-direction')).toBe('too-large');
  });

  it('gives the general hint for another wrong value and offers the answer after two tries', async () => {
    const { container } = render(Exercise, twoFives);
    await answer(container, '5');
    expect(container.querySelector('[data-hint]')?.textContent).toContain('Each 5×5 layer adds');
    expect(container.querySelector('[data-direction]')?.textContent).toContain('too small');
    expect(container.querySelector('[data-reveal]')).toBeNull();
    await answer(container, '8');
    const reveal = container.querySelector('[data-reveal]') as HTMLButtonElement;
    expect(reveal).not.toBeNull();
    await fireEvent.click(reveal);
    expect(container.querySelector('[data-revealed] [data-value]')?.textContent).toBe('9');
  });

  it('keeps the answer and the verdict across a reload, per language', async () => {
    const first = render(Exercise, twoFives);
    await answer(first.container, '10');
    await Promise.resolve();
    first.unmount();
    const again = render(Exercise, twoFives);
    await Promise.resolve();
    expect((again.container.querySelector('[data-answer]') as HTMLInputElement).value).toBe('10');
    expect(again.container.querySelector('[data-widget="exercise"]')?.getAttribute('data-phase')).toBe(
      'wrong',
    );
    expect(again.container.querySelector('[data-hint]')?.textContent).toContain('counts the shared centre');
    again.unmount();
    const russian = render(Exercise, { ...twoFives, locale: 'ru' });
    await Promise.resolve();
    expect((russian.container.querySelector('[data-answer]') as HTMLInputElement).value).toBe('');
  });

  it('confirms the right answer with the engine value', async () => {
    const { container } = render(Exercise, twoFives);
    await answer(container, '9');
    expect(container.querySelector('[data-correct] [data-value]')?.textContent).toBe('9');
    expect(container.querySelector('[data-widget="exercise"]')?.getAttribute('data-phase')).toBe('correct');
  });

  it('marks unreadable input next to the field without counting it as a try', async () => {
    const { container } = render(Exercise, twoFives);
    await answer(container, 'nine');
    const input = container.querySelector('[data-answer]') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = container.querySelector('[data-invalid]') as HTMLElement;
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
    await answer(container, '9');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(container.querySelector('[data-correct]')).not.toBeNull();
  });

  it('asks about any layer and quantity: the lecture example, start₂ and j₁', async () => {
    // Lecture: conv k3 p1 s2 twice on 5 pixels. j₁ = 1·2 = 2; start₂ = 0.5 + (1 − 1)·1 + (1 − 1)·2 = 0.5.
    const stack = 'conv k=3 s=2 p=1 | conv k=3 s=2 p=1';
    const start = render(Exercise, { locale: 'ru', id: 'a', stack, input: 5, quantity: 'start' });
    await answer(start.container, '0,5');
    expect(start.container.querySelector('[data-correct] [data-value]')?.textContent).toBe('0.5');
    const jump = render(Exercise, { locale: 'en', id: 'b', stack, input: 5, quantity: 'jump', layer: 1 });
    expect(jump.getByLabelText('j₁ =')).toBeTruthy();
    await answer(jump.container, '4');
    expect(jump.container.querySelector('[data-direction]')?.getAttribute('data-direction')).toBe(
      'too-large',
    );
  });

  it('reports an impossible network instead of breaking', () => {
    const { container } = render(Exercise, { locale: 'en', stack: 'conv k=9', input: 4 });
    expect(container.querySelector('.broken')?.textContent).toBeTruthy();
    expect(container.querySelector('[data-answer]')).toBeNull();
  });
});

describe('Exercise: predict, then check', () => {
  beforeEach(() => window.localStorage.clear());

  // The lecture's example at 9 × 9: n = 9 → 5 → 3, j₂ = 4, r₂ = 7, start₂ = 0.5, P = 3.5 − 0.5 = 3.
  // Unit 1 of layer 2 reads pixels 1·4 − 3 = 1 to 1 + 7 − 1 = 7.
  const region = (quantity: 'first' | 'last') => ({
    locale: 'en' as const,
    id: `ex-predict-${quantity}`,
    predict: true,
    stack: 'conv k=3 s=2 p=1 | conv k=3 s=2 p=1',
    input: 9,
    quantity,
    unit: 1,
    children: question('Where does the window of unit 1 start?'),
  });

  it('computes the first and last pixel of a unit window by the engine', () => {
    const first = expectedAnswer('conv k=3 s=2 p=1 | conv k=3 s=2 p=1', 9, 'first', undefined, 'w', 1);
    const last = expectedAnswer('conv k=3 s=2 p=1 | conv k=3 s=2 p=1', 9, 'last', undefined, 'w', 1);
    expect(first.ok && first.text).toBe('1');
    expect(last.ok && last.text).toBe('7');
    // Unit 0 of the 5 × 5 example: −3 … 3, the padding included.
    const edge = expectedAnswer('conv k=3 s=2 p=1 | conv k=3 s=2 p=1', 5, 'first', undefined, 'w', 0);
    expect(edge.ok && edge.text).toBe('-3');
    expect(expectedAnswer('conv k=3 s=2 p=1', 9, 'first', undefined, 'w', 9).ok).toBe(false);
  });

  it('says how far a prediction is, in which direction, or that it is exact', () => {
    expect(predictionDistance('0', ratio(1))).toEqual({ exact: false, off: '1', verdict: 'too-small' });
    expect(predictionDistance('11', ratio(7))).toEqual({ exact: false, off: '4', verdict: 'too-large' });
    expect(predictionDistance('1/2', ratio(1))).toEqual({ exact: false, off: '0.5', verdict: 'too-small' });
    expect(predictionDistance('7', ratio(7))).toEqual({ exact: true });
    expect(predictionDistance('x', ratio(7))).toBeNull();
  });

  it('hides the answer until the reader compares, then shows it with the distance and commits', async () => {
    const { container } = render(Exercise, region('first'));
    expect(container.querySelector('[data-value]')).toBeNull();
    expect(container.querySelector('[data-answer]')?.getAttribute('readonly')).toBeNull();
    await answer(container, '3');
    const verdict = container.querySelector('[data-distance]');
    expect(verdict?.getAttribute('data-distance')).toBe('2');
    expect(verdict?.textContent).toContain('Your prediction is 2 too large.');
    expect(container.querySelector('[data-value]')?.textContent).toBe('1');
    expect(container.querySelector('[data-answer]')?.getAttribute('readonly')).not.toBeNull();
    expect(container.querySelector('[data-check]')).toBeNull();
  });

  it('reveals on request without a prediction, and saves the prediction apart from exercises', async () => {
    const { container } = render(Exercise, region('last'));
    await fireEvent.click(container.querySelector('[data-reveal]') as HTMLButtonElement);
    expect(container.querySelector('[data-value]')?.textContent).toBe('7');
    const saved = Object.keys(window.localStorage).map((k) => window.localStorage.getItem(k) ?? '');
    expect(saved).toHaveLength(1);
    expect(JSON.parse(saved[0] ?? '{}')).toMatchObject({ kind: 'predict', attempt: { phase: 'revealed' } });
    expect(solvedCount(saved)).toBe(0);
  });
});

describe('Exercise progress', () => {
  it('counts the exercises of a lesson source, leaving predictions out', () => {
    const source = [
      '<Exercise\n  client:visible\n  id="a"\n  stack="conv k=3"\n>\n  Q\n</Exercise>',
      '<Exercise\n  client:visible\n  id="b"\n  predict\n  stack="conv k=3"\n>\n  Q\n</Exercise>',
      '<Exercise client:visible id="c" stack="conv k=3" />',
      'Exercises are below; <ExerciseList /> is not one.',
    ].join('\n\n');
    expect(exerciseTotal(source)).toBe(2);
  });

  it('counts solved answers only, never predictions or damaged entries', () => {
    const saved = [
      JSON.stringify({ text: '4', attempt: { phase: 'correct', tries: 0 } }),
      JSON.stringify({ text: '5', attempt: { phase: 'wrong', tries: 1 } }),
      JSON.stringify({ text: '1', attempt: { phase: 'correct', tries: 0 }, kind: 'predict' }),
      JSON.stringify({ text: '', attempt: { phase: 'revealed', tries: 2 } }),
      '{not json',
      null,
    ];
    expect(solvedCount(saved)).toBe(1);
  });

  it('counts every lesson: the lessons of both languages have the same number of exercises', () => {
    const totals = (locale: string) =>
      readdirSync(path.join(content, locale))
        .filter((f) => f.endsWith('.mdx'))
        .sort()
        .map((f) => exerciseTotal(readFileSync(path.join(content, locale, f), 'utf8')));
    expect(totals('ru')).toEqual(totals('en'));
    // Lesson 2: two exercises beside one prediction.
    expect(totals('en')[1]).toBe(2);
  });
});
