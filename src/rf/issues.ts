import type { Axis } from './axes.ts';

/**
 * A validation or analysis problem, reported as data (the engine never throws at its callers).
 * `code` is a stable kebab-case id and `params` its structured values (see `IssueParams`), so a widget
 * words it in the reader's language; `message` is an English sentence naming the layer and the field.
 */
export interface RfIssue {
  severity: 'error' | 'warning';
  node: string;
  field: string | null;
  axis: Axis | null;
  code: IssueCode;
  params: IssueParams;
  message: string;
}

/**
 * Structured values of an issue, by code (every key optional; absent when unknown):
 * - `*-too-small`: `min`, `value`; `not-integer`: `value` (as text);
 * - `bad-padding`: `reason` — 'malformed', 'sides', 'mode', 'deconv-mode', 'torch-same-stride' (`stride`),
 *   'crop' (`crop`, `size`), 'deconv-negative' / 'pool-in-padding' / 'pool-over-half' (`before`, `after`,
 *   `kernel` = k_eff); `bad-output-padding`: `value`, `stride`, `dilation`;
 * - `vanishing-map`: `size` (the output size), `input`; `size-mismatch`: `a`, `b`, `sizeA`, `sizeB`;
 * - `unit-out-of-range`: `unit`, `max`; `wrong-input-count`: `count`.
 */
export type IssueParams = Readonly<Record<string, string | number>>;

export type IssueCode =
  | 'bad-layer'
  | 'unknown-op'
  | 'kernel-too-small'
  | 'stride-too-small'
  | 'dilation-too-small'
  | 'factor-too-small'
  | 'not-integer'
  | 'bad-padding'
  | 'bad-output-padding'
  | 'vanishing-map'
  | 'too-large'
  | 'too-many-layers'
  | 'cycle'
  | 'dangling-input'
  | 'duplicate-name'
  | 'missing-input'
  | 'wrong-input-count'
  | 'size-mismatch'
  | 'bad-input-size'
  | 'unknown-node'
  | 'unit-out-of-range'
  | 'empty-field'
  | 'internal-error';

/** Builds an issue; the message is prefixed with the layer name so every message names its layer. */
export function issue(
  severity: RfIssue['severity'],
  code: IssueCode,
  node: string,
  field: string | null,
  axis: Axis | null,
  text: string,
  params: IssueParams = {},
): RfIssue {
  return { severity, node, field, axis, code, params, message: `Layer "${node}": ${text}` };
}

/** Shorthand for an error. */
export function error(
  code: IssueCode,
  node: string,
  field: string | null,
  axis: Axis | null,
  text: string,
  params: IssueParams = {},
): RfIssue {
  return issue('error', code, node, field, axis, text, params);
}

/** Names a per-axis field in messages: "stride" on both axes, "stride (w)" when the axes differ. */
export function fieldLabel(field: string, axis: Axis | null): string {
  return axis === null ? field : `${field} (${axis})`;
}

/** Renders any value for a message without throwing (objects, NaN, undefined…). */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  // Integers beyond 2^53 print in exponent-free shortest form (2^62 → 4611686018427388000); BigInt gives every digit.
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return BigInt(value).toString();
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
