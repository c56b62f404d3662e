/**
 * The Calculator's words: each engine issue placed on a field, told apart by its stable code and worded
 * in the reader's language (English keeps the engine's own sentence, which names the layer and the
 * value), and each stack-text error with its numbers formatted as the page formats them.
 */
import { t, type Locale, type UiKey } from '../../src/i18n';
import { formatNumber } from './parts/number';
import type { StackError } from './shared/network-io';
import type { DraftOp, FieldName, PlacedIssue } from './calculator';

export const FIELD_KEY: Record<FieldName | 'input', UiKey> = {
  kernel: 'widget.calc.field.kernel',
  stride: 'widget.calc.field.stride',
  dilation: 'widget.calc.field.dilation',
  padding: 'widget.calc.field.padding',
  outputPadding: 'widget.calc.field.outputPadding',
  factor: 'widget.calc.field.factor',
  layer: 'widget.calc.field.layer',
  input: 'widget.calc.input',
};

/** The message for a placed issue: the engine's own sentence in English, a translation otherwise. */
export function issueMessage(locale: Locale, p: PlacedIssue): string {
  const field = t(locale, FIELD_KEY[p.field]);
  const code = p.issue.code;
  // The input size: whole numbers that the engine can count exactly, named as a range.
  if (code === 'bad-input-size')
    return t(locale, 'parts.field.whole', {
      min: formatNumber(locale, 1),
      max: formatNumber(locale, Number.MAX_SAFE_INTEGER),
    });
  if (code === 'not-integer' || code === 'bad-layer')
    return t(locale, 'widget.calc.err.notInteger', { field });
  if (locale === 'en') return p.issue.message;
  switch (code) {
    case 'kernel-too-small':
    case 'stride-too-small':
    case 'dilation-too-small':
    case 'factor-too-small':
      return t(locale, 'widget.calc.err.tooSmall', { field });
    case 'bad-padding':
      return p.issue.params['reason'] === 'torch-same-stride'
        ? t(locale, 'widget.calc.err.torchSame')
        : t(locale, 'widget.calc.err.padding', { field });
    case 'bad-output-padding':
      return t(locale, 'widget.calc.err.outputPadding');
    case 'vanishing-map':
      return t(locale, 'widget.calc.err.vanishing');
    case 'too-large':
      return t(locale, 'widget.calc.err.tooLarge');
    default:
      return t(locale, 'widget.calc.err.other');
  }
}

/** A stack-text error in the reader's language, its numbers formatted as the page formats them. */
export function stackMessage(locale: Locale, error: StackError): string {
  const values = Object.fromEntries(
    Object.entries(error.params).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(locale, v) : v]),
  );
  return `${t(locale, 'widget.calc.stackError', { token: error.token, n: error.index + 1 })} ${t(locale, `widget.calc.stack.${error.code}` as UiKey, values)}`;
}

export const opKey = (op: DraftOp): UiKey => `widget.calc.op.${op}` as UiKey;
export const presetKey = (p: string): UiKey => `widget.calc.preset.${p}` as UiKey;
export const padKey = (m: string): UiKey => `widget.calc.padMode.${m}` as UiKey;
