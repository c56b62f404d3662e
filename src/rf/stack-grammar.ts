/**
 * The inline stack grammar shared by the command line and the calculator's share links:
 *   "conv k=3 s=2 p=1 | pool k=2 s=2 ceil | conv k=3 d=2 p=same | deconv k=4 s=2 p=1 outpad=1 |
 *    upsample f=2 mode=bilinear | conv k=1x7 p=0x3 | conv k=3 p=1,0,1,0 | pad p=-1 | relu | gap"
 * Per-axis values are `HxW` (h first) or one number for both. Padding: `p=N`, `p=HxW`, per side
 * `p=top,bottom,left,right` (negative crops), or `p=same` (= tf-same), `valid`, `tf-same`, `torch-same`.
 * Defaults: s = 1 (pooling: s = k), d = 1, p = 0, pool kind=max, upsample mode=nearest.
 * parseStack never throws; errors carry the character index of the offending token.
 */
import type { Axes, Layer, Padding, SidePad } from './types.ts';

/** What went wrong, for a message in the reader's language (`message` is the English one). */
export type StackErrorCode =
  | 'empty'
  | 'unknown-layer'
  | 'unknown-option'
  | 'twice'
  | 'flag'
  | 'needs-value'
  | 'required'
  | 'not-integer'
  | 'range'
  | 'padding'
  | 'choice'
  | 'pad-numbers';

export interface StackError {
  index: number;
  token: string;
  message: string;
  code: StackErrorCode;
  /** The values a message names: layer, key, value, options, min, max. */
  params: Record<string, string | number>;
}

/** A value that could not be read: the English text and its code. */
interface Problem {
  code: StackErrorCode;
  params: Record<string, string | number>;
  message: string;
}

export type ParsedStack = { ok: true; layers: Layer[] } | { ok: false; errors: StackError[] };

const NEUTRAL = ['relu', 'bn', 'sigmoid', 'tanh', 'gelu', 'silu', 'dropout', 'identity'] as const;
// Maps, not object literals: a layer or option typed as "__proto__" or "constructor" must not find
// Object.prototype's members.
const GLOBAL = new Map<string, 'global-pool' | 'flatten' | 'fc'>([
  ['gap', 'global-pool'],
  ['flatten', 'flatten'],
  ['fc', 'fc'],
]);
const KEYS = new Map<string, readonly string[]>([
  ['conv', ['k', 's', 'p', 'd']],
  ['pool', ['k', 's', 'p', 'd', 'ceil', 'kind']],
  ['deconv', ['k', 's', 'p', 'd', 'outpad']],
  ['upsample', ['f', 'mode']],
  ['pad', ['p']],
  ['neutral', ['kind']],
]);

interface Token {
  text: string;
  index: number;
}

/** Splits text on `sep`, keeping each piece's start index. */
function split(text: string, offset: number, pattern: RegExp): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(pattern)) out.push({ text: m[0], index: offset + (m.index ?? 0) });
  return out;
}

const INT = /^-?\d+$/;

/** The largest magnitude a number in the grammar may have: 2^53 − 1, the engine's exact range. */
const LIMIT = Number.MAX_SAFE_INTEGER;
const tooLarge = (value: string, min: number): Problem => ({
  code: 'range',
  params: { value, min: Math.max(min, -LIMIT), max: LIMIT },
  message: `is too large (got "${value}"): numbers must lie within ±${LIMIT} (2^53 − 1)`,
});
const fits = (digits: string) => Number.isSafeInteger(Number(digits));

/** Parses "3" or "1x7" (also "1×7" and "1X7", as lessons write it) into per-axis integers (h first). */
function parseAxes(value: string, min: number): Axes<number> | Problem {
  const parts = value.split(/[x×X]/);
  if (parts.length > 2 || !parts.every((p) => INT.test(p)))
    return { code: 'not-integer', params: { value }, message: `expected an integer or HxW (got "${value}")` };
  if (!parts.every(fits)) return tooLarge(value, min);
  const [h, w] = parts.map(Number) as [number, number?];
  const out = { h, w: w ?? h };
  if (out.h < min || out.w < min)
    return {
      code: 'range',
      params: { value, min, max: LIMIT },
      message: `must be ≥ ${min} (got "${value}")`,
    };
  return out;
}

const isProblem = (x: object): x is Problem => 'code' in x;

function parsePadding(value: string): Padding | Problem {
  const bad = (message: string): Problem => ({ code: 'padding', params: { value }, message });
  if (value === 'same' || value === 'tf-same') return { mode: 'tf-same' };
  if (value === 'valid') return { mode: 'valid' };
  if (value === 'torch-same') return { mode: 'torch-same' };
  const sides = value.split(',');
  if (sides.length === 4) {
    if (!sides.every((p) => INT.test(p)))
      return bad(`expected four integers top,bottom,left,right (got "${value}")`);
    if (!sides.every(fits)) return tooLarge(value, -LIMIT);
    const [top, bottom, left, right] = sides.map(Number) as [number, number, number, number];
    return { mode: 'explicit', h: { before: top, after: bottom }, w: { before: left, after: right } };
  }
  const both = parseAxes(value, -Infinity);
  if (isProblem(both) && both.code === 'range') return both;
  if (isProblem(both))
    return bad(`expected N, HxW, top,bottom,left,right, same, valid, tf-same or torch-same (got "${value}")`);
  return { mode: 'explicit', h: { before: both.h, after: both.h }, w: { before: both.w, after: both.w } };
}

/** Parses the grammar into layers, or returns every error with its position. */
export function parseStack(text: string): ParsedStack {
  const errors: StackError[] = [];
  const layers: Layer[] = [];
  if (text.trim() === '') return { ok: true, layers };
  const segments = split(text, 0, /[^|]+|(?<=\|)(?=\||$)|^(?=\|)/g);
  for (const segment of segments) {
    const tokens = split(segment.text, segment.index, /\S+/g);
    const head = tokens[0];
    if (head === undefined) {
      errors.push({
        index: segment.index,
        token: '',
        message: 'empty layer between "|" separators',
        code: 'empty',
        params: {},
      });
      continue;
    }
    const op = head.text.toLowerCase();
    const family = KEYS.has(op)
      ? op
      : (NEUTRAL as readonly string[]).includes(op)
        ? 'named-neutral'
        : GLOBAL.has(op) || op === 'add' || op === 'mul' || op === 'concat'
          ? 'bare'
          : null;
    if (family === null) {
      errors.push({
        index: head.index,
        token: head.text,
        message: `unknown layer "${head.text}"`,
        code: 'unknown-layer',
        params: { layer: head.text },
      });
      continue;
    }
    const allowed = KEYS.get(family) ?? [];
    const values = new Map<string, Token>();
    let bad = false;
    for (const token of tokens.slice(1)) {
      const eq = token.text.indexOf('=');
      const key = eq < 0 ? token.text : token.text.slice(0, eq);
      if (!allowed.includes(key)) {
        errors.push({
          index: token.index,
          token: token.text,
          message: `"${head.text}" has no option "${key}"${allowed.length ? ` (options: ${allowed.join(', ')})` : ''}`,
          code: 'unknown-option',
          params: { layer: head.text, key, options: allowed.length ? allowed.join(', ') : '—' },
        });
        bad = true;
      } else if (values.has(key)) {
        errors.push({
          index: token.index,
          token: token.text,
          message: `option "${key}" is given twice`,
          code: 'twice',
          params: { key },
        });
        bad = true;
      } else if (key === 'ceil' ? eq >= 0 : eq < 0 || eq === token.text.length - 1) {
        errors.push({
          index: token.index,
          token: token.text,
          message: key === 'ceil' ? '"ceil" is a flag and takes no value' : `option "${key}" needs a value`,
          code: key === 'ceil' ? 'flag' : 'needs-value',
          params: { key },
        });
        bad = true;
      } else values.set(key, { text: eq < 0 ? '' : token.text.slice(eq + 1), index: token.index });
    }
    if (bad) continue;
    const layer = build(family, op, values, head, errors);
    if (layer !== null) layers.push(layer);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, layers };
}

function build(
  family: string,
  op: string,
  values: Map<string, Token>,
  head: Token,
  errors: StackError[],
): Layer | null {
  const fail = (key: string, problem: Problem): null => {
    const at = values.get(key);
    errors.push({
      index: at?.index ?? head.index,
      token: at ? `${key}=${at.text}` : head.text,
      message: `${key} ${problem.message}`,
      code: problem.code,
      params: { key, ...problem.params },
    });
    return null;
  };
  const required: Problem = { code: 'required', params: {}, message: 'is required' };
  const choice = (value: string, options: string[]): Problem => ({
    code: 'choice',
    params: { value, options: options.join(', ') },
    message: `must be ${options.join(' or ')} (got "${value}")`,
  });
  const axes = (key: string, min: number, fallback: Axes<number> | null): Axes<number> | null => {
    const raw = values.get(key);
    if (raw === undefined) return fallback ?? fail(key, required);
    const parsed = parseAxes(raw.text, min);
    return isProblem(parsed) ? fail(key, parsed) : parsed;
  };
  const zero: Padding = { mode: 'explicit', h: { before: 0, after: 0 }, w: { before: 0, after: 0 } };
  const padding = (): Padding | null => {
    const raw = values.get('p');
    if (raw === undefined) return family === 'pad' ? fail('p', required) : zero;
    const parsed = parsePadding(raw.text);
    return isProblem(parsed) ? fail('p', parsed) : parsed;
  };
  const one = { h: 1, w: 1 };
  switch (family) {
    case 'conv':
    case 'pool':
    case 'deconv': {
      const kernel = axes('k', 1, null);
      const stride = axes('s', 1, family === 'pool' ? kernel : one);
      const dilation = axes('d', 1, one);
      const pad = padding();
      if (kernel === null || stride === null || dilation === null || pad === null) return null;
      if (family === 'conv') return { op: 'conv', kernel, stride, dilation, padding: pad };
      if (family === 'deconv') {
        const outputPadding = axes('outpad', 0, { h: 0, w: 0 });
        return outputPadding === null
          ? null
          : { op: 'deconv', kernel, stride, dilation, padding: pad, outputPadding };
      }
      const kind = values.get('kind')?.text ?? 'max';
      if (kind !== 'max' && kind !== 'avg') return fail('kind', choice(kind, ['max', 'avg']));
      return { op: 'pool', kind, ceil: values.has('ceil'), kernel, stride, dilation, padding: pad };
    }
    case 'upsample': {
      const factor = axes('f', 1, null);
      const mode = values.get('mode')?.text ?? 'nearest';
      if (mode !== 'nearest' && mode !== 'bilinear')
        return fail('mode', choice(mode, ['nearest', 'bilinear']));
      return factor === null ? null : { op: 'upsample', factor, mode };
    }
    case 'pad': {
      const pad = padding();
      if (pad === null) return null;
      if (pad.mode !== 'explicit')
        return fail('p', { code: 'pad-numbers', params: {}, message: 'of a pad layer must be numbers' });
      return { op: 'pad', pads: { h: pad.h, w: pad.w } };
    }
    case 'neutral': {
      const kind = values.get('kind')?.text;
      return kind === undefined ? fail('kind', required) : { op: 'neutral', kind };
    }
    case 'named-neutral':
      return { op: 'neutral', kind: op };
    default: {
      const kind = GLOBAL.get(op);
      if (kind !== undefined) return { op: 'global', kind };
      return op === 'add' || op === 'mul' || op === 'concat' ? { op } : null;
    }
  }
}

const fmtAxes = (a: Axes<number>): string => (a.h === a.w ? String(a.h) : `${a.h}x${a.w}`);
const same = (a: Axes<number>, b: Axes<number>): boolean => a.h === b.h && a.w === b.w;

function fmtPadding(p: Padding): string | null {
  if (p.mode === 'tf-same') return 'same';
  if (p.mode !== 'explicit') return p.mode;
  const sym = (s: SidePad) => s.before === s.after;
  if (sym(p.h) && sym(p.w))
    return p.h.before === 0 && p.w.before === 0 ? null : fmtAxes({ h: p.h.before, w: p.w.before });
  return `${p.h.before},${p.h.after},${p.w.before},${p.w.after}`;
}

/** Writes layers in the grammar (canonical form: defaults omitted); parseStack(formatStack(x)) = x. */
export function formatStack(layers: Layer[]): string {
  return layers
    .map((layer): string => {
      const parts: string[] = [];
      switch (layer.op) {
        case 'conv':
        case 'pool':
        case 'deconv': {
          parts.push(layer.op, `k=${fmtAxes(layer.kernel)}`);
          if (!same(layer.stride, layer.op === 'pool' ? layer.kernel : { h: 1, w: 1 }))
            parts.push(`s=${fmtAxes(layer.stride)}`);
          if (!same(layer.dilation, { h: 1, w: 1 })) parts.push(`d=${fmtAxes(layer.dilation)}`);
          const p = fmtPadding(layer.padding);
          if (p !== null) parts.push(`p=${p}`);
          if (layer.op === 'pool' && layer.kind !== 'max') parts.push(`kind=${layer.kind}`);
          if (layer.op === 'pool' && layer.ceil) parts.push('ceil');
          if (layer.op === 'deconv' && !same(layer.outputPadding, { h: 0, w: 0 }))
            parts.push(`outpad=${fmtAxes(layer.outputPadding)}`);
          break;
        }
        case 'upsample':
          parts.push('upsample', `f=${fmtAxes(layer.factor)}`);
          if (layer.mode !== 'nearest') parts.push(`mode=${layer.mode}`);
          break;
        case 'pad':
          parts.push('pad', `p=${fmtPadding({ mode: 'explicit', h: layer.pads.h, w: layer.pads.w }) ?? '0'}`);
          break;
        case 'neutral':
          parts.push(
            ...((NEUTRAL as readonly string[]).includes(layer.kind)
              ? [layer.kind]
              : ['neutral', `kind=${layer.kind}`]),
          );
          break;
        case 'global':
          parts.push(layer.kind === 'global-pool' ? 'gap' : layer.kind);
          break;
        default:
          parts.push(layer.op);
      }
      return parts.join(' ');
    })
    .join(' | ');
}
