/**
 * Numbers as the reader types and reads them: one whole-number parser for every field, and locale
 * formatting through Intl.NumberFormat (one cached formatter per locale and style).
 */
import type { Locale } from '../../../src/i18n';

/** The whole numbers a field accepts, both ends included. */
export interface WholeRange {
  min: number;
  max: number;
}

export type WholeParse = { ok: true; value: number } | { ok: false };

/**
 * A whole number in `range` typed as plain digits (a leading minus only when the range allows
 * negatives). "1e9", "2.5", "0x10", "" and numbers outside the range are rejected, never rounded.
 */
export function parseWhole(text: string, range: WholeRange): WholeParse {
  const trimmed = text.trim().replace(/^[−–]/, '-');
  if (!/^-?\d{1,16}$/.test(trimmed)) return { ok: false };
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) return { ok: false };
  return { ok: true, value: value === 0 ? 0 : value };
}

export type WholeCheck =
  { ok: true; value: number } | { ok: false; reason: 'notWhole' | 'tooSmall' | 'tooLarge' };

/** Every whole number the parser reads, for a caller that checks the range itself. */
export const ANY_WHOLE: WholeRange = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

/** `parseWhole`, saying why a text was rejected: not a whole number at all, or below or above the range. */
export function checkWhole(text: string, range: WholeRange): WholeCheck {
  const parsed = parseWhole(text, range);
  if (parsed.ok) return parsed;
  const any = parseWhole(text, ANY_WHOLE);
  if (!any.ok) return { ok: false, reason: 'notWhole' };
  return { ok: false, reason: any.value < range.min ? 'tooSmall' : 'tooLarge' };
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** How `formatNumber` writes a number. */
export interface NumberStyle {
  /** Most fraction digits, rounded half away from zero (default 0). */
  digits?: number;
  /** Always `digits` fraction digits, trailing zeros kept ("78.0"); default false ("78"). */
  fixed?: boolean;
  /**
   * Digit groups: 'wide' (default) only from 10,000 ("4096", "12,288", "12 288"); 'locale' as the
   * locale groups from 1,000 ("1,234", "1 234"); 'never' ("12345"). Russian groups with U+00A0.
   */
  grouping?: 'wide' | 'locale' | 'never';
  /** The minus sign: 'unicode' U+2212 (default) or 'hyphen', the hyphen-minus Intl writes. */
  minus?: 'unicode' | 'hyphen';
}

/**
 * `n` in the reader's locale ("4096" → "4,096" in English, "4 096" in Russian, with the default
 * 'wide' grouping only from 10,000); `style` is the number of fraction digits or a `NumberStyle`.
 * `n` may also be an exact decimal written as text ("-1.25"), formatted digit for digit. −0 reads 0.
 */
export function formatNumber(
  locale: Locale,
  n: number | `${number}`,
  style: number | NumberStyle = 0,
): string {
  const {
    digits = 0,
    fixed = false,
    grouping = 'wide',
    minus = 'unicode',
  } = typeof style === 'number' ? { digits: style } : style;
  const value = typeof n === 'number' ? n : Number(n);
  const options: Intl.NumberFormatOptions = {
    minimumFractionDigits: fixed ? digits : 0,
    maximumFractionDigits: digits,
    useGrouping: grouping === 'locale' || (grouping === 'wide' && Math.abs(value) >= 10_000),
  };
  // Intl reads a numeric string as the exact decimal it writes (no binary rounding on the way).
  const text = formatter(locale, options).format((n === 0 ? 0 : n) as number);
  return minus === 'unicode' ? text.replace('-', '−') : text;
}

/**
 * `fraction` (0.25) as a percentage with a space before the sign in both languages ("25 %",
 * "12.5 %", "12,5 %"): `formatNumber` of `fraction` × 100 with the same `style`.
 */
export function formatPercent(locale: Locale, fraction: number, style: number | NumberStyle = 0): string {
  return `${formatNumber(locale, fraction * 100, style)} %`;
}

/** The range shown beside a field, "1–11". */
export function rangeText(locale: Locale, range: WholeRange): string {
  return `${formatNumber(locale, range.min)}–${formatNumber(locale, range.max)}`;
}

/**
 * The values to draw after field `edited` changed to `value` (null when its text was rejected and
 * it had no usable value before the edit): every other field whose text parses takes that value, a
 * rejected field keeps what `last` drew. A rejected field therefore never changes the picture.
 */
export function mergeFields<F extends string>(
  last: Readonly<Record<F, number>>,
  texts: Readonly<Record<F, string>>,
  limits: Readonly<Record<F, WholeRange>>,
  edited: F,
  value: number | null,
): Record<F, number> {
  const next = { ...last } as Record<F, number>;
  for (const field of Object.keys(limits) as F[]) {
    if (field === edited) next[field] = value ?? last[field];
    else {
      const parsed = parseWhole(texts[field], limits[field]);
      if (parsed.ok) next[field] = parsed.value;
    }
  }
  return next;
}
