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

/** `n` in the reader's locale ("4096" → "4,096" in English, "4 096" in Russian); minus sign as U+2212. */
export function formatNumber(locale: Locale, n: number, digits = 0): string {
  return formatter(locale, { maximumFractionDigits: digits, useGrouping: Math.abs(n) >= 10_000 })
    .format(n)
    .replace('-', '−');
}

/** `fraction` (0.25) as a percentage in the reader's locale ("25%", "25 %"). */
export function formatPercent(locale: Locale, fraction: number, digits = 0): string {
  return formatter(locale, { style: 'percent', maximumFractionDigits: digits }).format(fraction);
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
