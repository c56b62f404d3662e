/**
 * View logic of the Exercise widget: the expected answer comes from the engine (never typed by the
 * author), answers are parsed exactly ("7", "0.5", "1/2", "-1,5"), and a wrong answer is turned into a
 * hint and a direction (too small / too large).
 */
import {
  analyze,
  formatRatio,
  ratio,
  ratioCompare,
  ratioEquals,
  ratioSub,
  stackToNetwork,
  toNumber,
  type Axes,
  type Axis,
  type Layer,
  type Ratio,
} from '../../src/rf';
import { parseStack } from '../../src/rf/stack-grammar';

/**
 * What an exercise asks for, on one axis of one layer; `first` and `last` are the first and last input
 * pixel of one unit's window (the region the calculator draws), padding included.
 */
export type Quantity = 'rf' | 'jump' | 'size' | 'start' | 'stride' | 'padding' | 'first' | 'last';

/** The symbol of each quantity, as the lessons write it (Distill's S and P for stride and padding). */
export const SYMBOLS: Record<Quantity, string> = {
  rf: 'r',
  jump: 'j',
  size: 'n',
  start: 'start',
  stride: 'S',
  padding: 'P',
  first: 'first',
  last: 'last',
};

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

/** "r₂" for quantity rf at layer 2. */
export function symbolFor(quantity: Quantity, layer: number): string {
  const sub = String(layer)
    .split('')
    .map((c) => SUBSCRIPT[Number(c)] ?? c)
    .join('');
  return `${SYMBOLS[quantity]}${sub}`;
}

/** The exercise's network could not be evaluated (an authoring error, shown in the widget). */
export interface ExpectedError {
  ok: false;
  message: string;
}

export interface ExpectedAnswer {
  ok: true;
  value: Ratio;
  /** Index of the layer asked about (0 = input), after resolving the default. */
  layer: number;
  /** The engine's value as text ("7", "0.5", "1/3"). */
  text: string;
  /** For `first` / `last`: the unit whose window is asked about (the middle unit by default). */
  unit: number | null;
}

/** Parses the author's stack text (the shared stack grammar) into engine layers, or an error message. */
export function stackLayers(stack: string): { ok: true; layers: Layer[] } | { ok: false; message: string } {
  const parsed = parseStack(stack);
  if (!parsed.ok) return { ok: false, message: parsed.errors.map((e) => e.message).join('; ') };
  return { ok: true, layers: parsed.layers };
}

/** The correct answer, computed by the engine from the exercise's stack and input size. */
export function expectedAnswer(
  stack: string,
  input: number | Axes<number>,
  quantity: Quantity,
  layer: number | undefined,
  axis: Axis,
  unit?: number,
): ExpectedAnswer | ExpectedError {
  const parsed = stackLayers(stack);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const size = typeof input === 'number' ? { h: input, w: input } : input;
  const analysis = analyze(stackToNetwork(size, parsed.layers));
  if (!analysis.ok) return { ok: false, message: analysis.issues.map((i) => i.message).join(' ') };
  const index = layer ?? analysis.layers.length - 1;
  const row = analysis.layers[index];
  if (row === undefined || !Number.isInteger(index) || index < 0)
    return { ok: false, message: `Layer ${String(layer)} is outside 0…${analysis.layers.length - 1}.` };
  if (quantity === 'first' || quantity === 'last') {
    const u = unit ?? Math.floor((row.size[axis] - 1) / 2);
    if (!Number.isInteger(u) || u < 0 || u >= row.size[axis])
      return { ok: false, message: `Unit ${String(unit)} is outside 0…${row.size[axis] - 1}.` };
    const window = analysis.region(row.name, { h: u, w: u }).unclipped[axis];
    if (window === null) return { ok: false, message: `Unit ${u} of "${row.name}" reads no pixel.` };
    const value = ratio(quantity === 'first' ? window.lo : window.hi);
    return { ok: true, value, layer: index, text: formatRatio(value), unit: u };
  }
  const values: Record<Exclude<Quantity, 'first' | 'last'>, Ratio | null> = {
    rf: ratio(row.rf[axis]),
    jump: row.jump[axis],
    size: ratio(row.size[axis]),
    start: row.start[axis],
    stride: row.stride?.[axis] ?? null,
    padding: row.padding?.[axis] ?? null,
  };
  const value = values[quantity];
  if (value === null) return { ok: false, message: `Layer "${row.name}": ${quantity} does not apply.` };
  return { ok: true, value, layer: index, text: formatRatio(value), unit: null };
}

/** A reader's answer, parsed. */
export type ParsedAnswer =
  { ok: true; value: Ratio; decimals: number } | { ok: false; reason: 'empty' | 'format' };

const NUMBER = /^([+-]?)(\d{1,12})(?:[.,](\d{1,8}))?$/;
const FRACTION = /^([+-]?)(\d{1,12})\/(\d{1,12})$/;

/**
 * "7", "0.5", "-1,5" (comma decimal), "1/2", "−3" (Unicode minus), with spaces anywhere. Returns the exact
 * value and the number of decimals typed (used to accept a rounded decimal for values like 1/3).
 */
export function parseAnswer(text: string): ParsedAnswer {
  const clean = text.replace(/[\s\u00a0\u202f]/g, '').replace(/[\u2212\u2013]/g, '-');
  if (clean === '') return { ok: false, reason: 'empty' };
  const fraction = FRACTION.exec(clean);
  if (fraction) {
    const den = Number(fraction[3]);
    if (den === 0) return { ok: false, reason: 'format' };
    const sign = fraction[1] === '-' ? -1 : 1;
    return { ok: true, value: ratio(sign * Number(fraction[2]), den), decimals: 0 };
  }
  const decimal = NUMBER.exec(clean);
  if (!decimal) return { ok: false, reason: 'format' };
  const sign = decimal[1] === '-' ? -1 : 1;
  const frac = decimal[3] ?? '';
  const num = Number(`${decimal[2]}${frac}`);
  return { ok: true, value: ratio(sign * num, 10 ** frac.length), decimals: frac.length };
}

export type Verdict = 'correct' | 'too-small' | 'too-large';

/**
 * Compares an answer with the engine's value: exact equality, or, for a value with no finite decimal
 * form (1/3), a decimal of at least two places that rounds to it.
 */
export function judge(answer: ParsedAnswer & { ok: true }, expected: Ratio): Verdict {
  if (ratioEquals(answer.value, expected)) return 'correct';
  const exactDecimal = formatRatio(expected).indexOf('/') < 0;
  if (!exactDecimal && answer.decimals >= 2) {
    const error = Math.abs(toNumber(ratioSub(answer.value, expected)));
    if (error <= 0.5 * 10 ** -answer.decimals + 1e-12) return 'correct';
  }
  return ratioCompare(answer.value, expected) < 0 ? 'too-small' : 'too-large';
}

/** The author's hint for this particular wrong value (keys are parsed like answers: "10" matches "10.0"). */
export function specificHint(hints: Record<string, string>, value: Ratio): string | null {
  for (const [key, text] of Object.entries(hints)) {
    const parsed = parseAnswer(key);
    if (parsed.ok && ratioEquals(parsed.value, value)) return text;
  }
  return null;
}

/** Where the exercise is: nothing yet, a rejected entry, a wrong try, solved, or answer shown. */
export type Phase = 'idle' | 'invalid' | 'wrong' | 'correct' | 'revealed';

export interface Attempt {
  phase: Phase;
  /** Wrong tries so far (unparsable entries do not count). */
  tries: number;
  verdict: Verdict | null;
  /** The hint shown for the last wrong try. */
  hint: string | null;
  invalid: 'empty' | 'format' | null;
}

export const FRESH: Attempt = { phase: 'idle', tries: 0, verdict: null, hint: null, invalid: null };

const PHASES: readonly string[] = ['idle', 'invalid', 'wrong', 'correct', 'revealed'];

/** A saved `{ text, attempt }` (JSON) read back, or null when it is missing or not of that shape. */
export function parseSaved(saved: string | null): { text: string; attempt: Attempt } | null {
  if (saved === null) return null;
  try {
    const value = JSON.parse(saved) as { text?: unknown; attempt?: Partial<Attempt> };
    const a = value.attempt;
    if (typeof value.text !== 'string' || typeof a !== 'object' || a === null) return null;
    if (typeof a.phase !== 'string' || !PHASES.includes(a.phase) || typeof a.tries !== 'number') return null;
    return {
      text: value.text,
      attempt: {
        phase: a.phase as Phase,
        tries: a.tries,
        verdict: a.verdict === 'too-small' || a.verdict === 'too-large' ? a.verdict : null,
        hint: typeof a.hint === 'string' ? a.hint : null,
        invalid: a.invalid === 'empty' || a.invalid === 'format' ? a.invalid : null,
      },
    };
  } catch {
    return null;
  }
}

/** The next state after the reader checks `text`. Pure: the widget only stores the result. */
export function check(
  previous: Attempt,
  text: string,
  expected: Ratio,
  hints: Record<string, string>,
  generalHint: string,
): Attempt {
  const answer = parseAnswer(text);
  if (!answer.ok) return { ...previous, phase: 'invalid', invalid: answer.reason };
  const verdict = judge(answer, expected);
  if (verdict === 'correct')
    return { phase: 'correct', tries: previous.tries, verdict, hint: null, invalid: null };
  return {
    phase: 'wrong',
    tries: previous.tries + 1,
    verdict,
    hint: specificHint(hints, answer.value) ?? generalHint,
    invalid: null,
  };
}

/** After two wrong tries the reader may ask to see the answer. */
export function canReveal(attempt: Attempt): boolean {
  return attempt.tries >= 2 && attempt.phase !== 'correct' && attempt.phase !== 'revealed';
}

/** How far a prediction is from the answer: exact, or off by |prediction − answer| in one direction. */
export type Distance = { exact: true } | { exact: false; off: string; verdict: 'too-small' | 'too-large' };

/** The distance of the prediction typed as `text` from `expected`, or null when the text is not a number. */
export function predictionDistance(text: string, expected: Ratio): Distance | null {
  const answer = parseAnswer(text);
  if (!answer.ok) return null;
  const verdict = judge(answer, expected);
  if (verdict === 'correct') return { exact: true };
  const off = verdict === 'too-small' ? ratioSub(expected, answer.value) : ratioSub(answer.value, expected);
  return { exact: false, off: formatRatio(off), verdict };
}
