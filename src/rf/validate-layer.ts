/**
 * Turns one layer (possibly malformed: data can come from files and share links) into per-axis
 * operations, reporting every problem as an issue that names the layer and field. Never throws.
 */
import type { Axes, SidePad, Window } from './types.ts';
import { AXES, perAxis, type Axis } from './axes.ts';
import { error, fieldLabel, issue, show, type IssueCode, type IssueParams, type RfIssue } from './issues.ts';
import { effectiveKernel, type Op1D } from './op1d.ts';
import { resolveSidePad } from './padding.ts';
import { resampleRule, type ResampleTaps } from './resample.ts';
import { MAX_EXACT } from './math.ts';

/** Both axes pass through unchanged; one frozen object shared by every such layer (memory on large graphs). */
const IDENTITY_OPS: Axes<Op1D> = Object.freeze({
  h: Object.freeze({ kind: 'identity' }),
  w: Object.freeze({ kind: 'identity' }),
});

export interface LayerPlan {
  ops: Axes<Op1D> | null;
  paddingBefore: Axes<number> | null;
  issues: RfIssue[];
}

type Rec = Record<string, unknown>;

/** "is too large: …" for an integer beyond the exact range, with every digit and the limit. */
function tooLargeText(v: number): string {
  return `is too large (got ${show(v)}): integers must lie within ±${MAX_EXACT} (2^53 − 1), the largest the engine computes exactly.`;
}
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads an integer field given per axis ({h, w}) or as one number for both axes. */
function readInts(
  name: string,
  src: Rec,
  field: string,
  min: number,
  tooSmall: IssueCode,
  issues: RfIssue[],
): Axes<number> | null {
  const raw = src[field];
  const value: Rec | null = typeof raw === 'number' ? { h: raw, w: raw } : isRecord(raw) ? raw : null;
  if (value === null) {
    issues.push(
      error('bad-layer', name, field, null, `${field} is missing or malformed (got ${show(raw)}).`),
    );
    return null;
  }
  const problem = (v: unknown): { code: IssueCode; text: string; params: IssueParams } | null =>
    typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)
      ? { code: 'too-large', text: tooLargeText(v), params: { value: show(v) } }
      : typeof v !== 'number' || !Number.isSafeInteger(v)
        ? { code: 'not-integer', text: `must be an integer (got ${show(v)}).`, params: { value: show(v) } }
        : v < min
          ? { code: tooSmall, text: `must be an integer ≥ ${min} (got ${v}).`, params: { min, value: v } }
          : null;
  const ph = problem(value['h']);
  const pw = problem(value['w']);
  // One issue when both axes share the same problem and value, one per axis otherwise.
  if (ph !== null && pw !== null && ph.text === pw.text) {
    issues.push(error(ph.code, name, field, null, `${field} ${ph.text}`, ph.params));
    return null;
  }
  for (const [axis, p] of [
    ['h', ph],
    ['w', pw],
  ] as const)
    if (p !== null)
      issues.push(error(p.code, name, field, axis, `${fieldLabel(field, axis)} ${p.text}`, p.params));
  const out = {
    h: ph === null ? (value['h'] as number) : null,
    w: pw === null ? (value['w'] as number) : null,
  };
  return out.h === null || out.w === null ? null : { h: out.h, w: out.w };
}

function readSidePads(name: string, raw: unknown, field: string, issues: RfIssue[]): Axes<SidePad> | null {
  if (!isRecord(raw)) {
    issues.push(
      error('bad-padding', name, field, null, `${field} is missing or malformed (got ${show(raw)}).`, {
        reason: 'malformed',
      }),
    );
    return null;
  }
  const out = perAxis((axis): SidePad | null => {
    const side = raw[axis];
    if (!isRecord(side)) {
      issues.push(
        error(
          'bad-padding',
          name,
          field,
          axis,
          `${fieldLabel(field, axis)} needs before and after (got ${show(side)}).`,
          { reason: 'sides' },
        ),
      );
      return null;
    }
    const { before, after } = side;
    const big = [before, after].find(
      (v) => typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v),
    );
    if (big !== undefined) {
      issues.push(
        error('too-large', name, field, axis, `${fieldLabel(field, axis)} ${tooLargeText(big as number)}`),
      );
      return null;
    }
    if (
      typeof before !== 'number' ||
      !Number.isSafeInteger(before) ||
      typeof after !== 'number' ||
      !Number.isSafeInteger(after)
    ) {
      issues.push(
        error(
          'not-integer',
          name,
          field,
          axis,
          `${fieldLabel(field, axis)} must be integers (got ${show(side)}).`,
          { value: show(side) },
        ),
      );
      return null;
    }
    return { before, after };
  });
  return out.h === null || out.w === null ? null : { h: out.h, w: out.w };
}

/** A crop may not remove the whole map: n + min(before, 0) + min(after, 0) ≥ 1. */
function checkCrop(
  name: string,
  field: string,
  axis: Axis,
  pad: SidePad,
  n: number,
  issues: RfIssue[],
): boolean {
  if (n + Math.min(pad.before, 0) + Math.min(pad.after, 0) >= 1) return true;
  const crop = -Math.min(pad.before, 0) - Math.min(pad.after, 0);
  issues.push(
    error(
      'bad-padding',
      name,
      field,
      axis,
      `${fieldLabel(field, axis)} crops ${crop} pixels from a map of ${n}.`,
      { reason: 'crop', crop, size: n },
    ),
  );
  return false;
}

function readWindow(name: string, layer: Rec, issues: RfIssue[]): Window | null {
  const kernel = readInts(name, layer, 'kernel', 1, 'kernel-too-small', issues);
  const stride = readInts(name, layer, 'stride', 1, 'stride-too-small', issues);
  const dilation = readInts(name, layer, 'dilation', 1, 'dilation-too-small', issues);
  const padding = layer['padding'];
  if (!isRecord(padding)) {
    issues.push(
      error('bad-padding', name, 'padding', null, `padding is missing or malformed (got ${show(padding)}).`, {
        reason: 'malformed',
      }),
    );
    return null;
  }
  const mode = padding['mode'];
  if (mode === 'explicit') {
    const pads = readSidePads(name, padding, 'padding', issues);
    if (pads === null || kernel === null || stride === null || dilation === null) return null;
    return { kernel, stride, dilation, padding: { mode, h: pads.h, w: pads.w } };
  }
  if (mode !== 'valid' && mode !== 'tf-same' && mode !== 'torch-same') {
    issues.push(
      error(
        'bad-padding',
        name,
        'padding',
        null,
        `padding mode must be explicit, valid, tf-same or torch-same (got ${show(mode)}).`,
        { reason: 'mode', mode: show(mode) },
      ),
    );
    return null;
  }
  if (kernel === null || stride === null || dilation === null) return null;
  return { kernel, stride, dilation, padding: { mode } };
}

/**
 * Validates a layer against its input map size and returns its per-axis operations (null on error).
 * Checks: integer fields, kernel/stride/dilation/factor ≥ 1, crops smaller than the map, pooling pads
 * below the effective kernel, transposed pads ≥ 0 and output padding < max(s, d), torch-same stride 1.
 */
export function planLayer(name: string, layer: unknown, nIn: Axes<number>): LayerPlan {
  const issues: RfIssue[] = [];
  if (!isRecord(layer)) {
    issues.push(error('bad-layer', name, 'layer', null, `the layer is not an object (got ${show(layer)}).`));
    return failed(issues);
  }
  const op = layer['op'];
  switch (op) {
    case 'conv':
    case 'pool':
    case 'deconv': {
      const window = readWindow(name, layer, issues);
      if (op === 'pool' && layer['kind'] !== 'max' && layer['kind'] !== 'avg')
        issues.push(
          error(
            'bad-layer',
            name,
            'kind',
            null,
            `pooling kind must be max or avg (got ${show(layer['kind'])}).`,
          ),
        );
      if (op === 'pool' && typeof layer['ceil'] !== 'boolean')
        issues.push(
          error('bad-layer', name, 'ceil', null, `ceil must be true or false (got ${show(layer['ceil'])}).`),
        );
      const outPad =
        op === 'deconv'
          ? readInts(name, layer, 'outputPadding', 0, 'bad-output-padding', issues)
          : { h: 0, w: 0 };
      if (window === null || outPad === null || issues.length > 0) return failed(issues);
      if (op === 'deconv' && window.padding.mode !== 'explicit' && window.padding.mode !== 'valid') {
        issues.push(
          error(
            'bad-padding',
            name,
            'padding',
            null,
            `transposed convolution needs explicit or valid padding (got ${window.padding.mode}).`,
            { reason: 'deconv-mode', mode: window.padding.mode },
          ),
        );
        return failed(issues);
      }
      const ops = perAxis((axis): Op1D | null => {
        const resolved = resolveSidePad(window, axis, nIn[axis]);
        if (!resolved.ok) {
          issues.push(
            error('bad-padding', name, 'padding', axis, resolved.reason, {
              reason: 'torch-same-stride',
              stride: resolved.stride,
            }),
          );
          return null;
        }
        const { before, after } = resolved.pad;
        const k = window.kernel[axis];
        const s = window.stride[axis];
        const d = window.dilation[axis];
        const kEff = effectiveKernel(k, d);
        if (op === 'deconv') {
          if (before < 0 || after < 0) {
            issues.push(
              error(
                'bad-padding',
                name,
                'padding',
                axis,
                `${fieldLabel('padding', axis)} of a transposed convolution must be ≥ 0 (got ${before}, ${after}).`,
                { reason: 'deconv-negative', before, after, kernel: kEff },
              ),
            );
            return null;
          }
          const extra = outPad[axis];
          if (extra >= Math.max(s, d)) {
            issues.push(
              error(
                'bad-output-padding',
                name,
                'outputPadding',
                axis,
                `${fieldLabel('outputPadding', axis)} must be smaller than the stride or the dilation (got ${extra}, stride ${s}, dilation ${d}).`,
                { value: extra, stride: s, dilation: d },
              ),
            );
            return null;
          }
          return { kind: 'transposed', k, s, d, before, after, outPad: extra };
        }
        if (!checkCrop(name, 'padding', axis, resolved.pad, nIn[axis], issues)) return null;
        if (op === 'pool' && (before >= kEff || after >= kEff)) {
          issues.push(
            error(
              'bad-padding',
              name,
              'padding',
              axis,
              `${fieldLabel('padding', axis)} (${before}, ${after}) must be smaller than the effective kernel ${kEff}: a pooling window would lie entirely in the padding.`,
              { reason: 'pool-in-padding', before, after, kernel: kEff },
            ),
          );
          return null;
        }
        if (op === 'pool' && (2 * before > kEff || 2 * after > kEff))
          issues.push(
            issue(
              'warning',
              'bad-padding',
              name,
              'padding',
              axis,
              `${fieldLabel('padding', axis)} (${before}, ${after}) exceeds half the effective kernel ${kEff}; PyTorch rejects this pooling.`,
              { reason: 'pool-over-half', before, after, kernel: kEff },
            ),
          );
        return { kind: 'window', k, s, d, before, after, ceil: op === 'pool' && layer['ceil'] === true };
      });
      if (ops.h === null || ops.w === null) return failed(issues);
      return { ops: { h: ops.h, w: ops.w }, paddingBefore: { h: before(ops.h), w: before(ops.w) }, issues };
    }
    case 'upsample': {
      const factor = readInts(name, layer, 'factor', 1, 'factor-too-small', issues);
      const mode = layer['mode'];
      if (mode !== 'nearest' && mode !== 'bilinear')
        issues.push(
          error(
            'bad-layer',
            name,
            'mode',
            null,
            `upsampling mode must be nearest or bilinear (got ${show(mode)}).`,
          ),
        );
      if (factor === null || (mode !== 'nearest' && mode !== 'bilinear')) return failed(issues);
      return {
        ops: perAxis((axis) => ({ kind: 'upsample', f: factor[axis], mode })),
        paddingBefore: null,
        issues,
      };
    }
    case 'resize':
      return planResize(name, layer, nIn, issues);
    case 'pad': {
      const pads = readSidePads(name, layer['pads'], 'pads', issues);
      if (pads === null) return failed(issues);
      for (const axis of AXES)
        if (!checkCrop(name, 'pads', axis, pads[axis], nIn[axis], issues)) return failed(issues);
      return {
        ops: perAxis((axis) => ({ kind: 'shift', before: pads[axis].before, after: pads[axis].after })),
        paddingBefore: perAxis((axis) => pads[axis].before),
        issues,
      };
    }
    case 'neutral':
    case 'add':
    case 'mul':
    case 'concat':
      return { ops: IDENTITY_OPS, paddingBefore: null, issues };
    case 'global':
      return { ops: perAxis(() => ({ kind: 'global' })), paddingBefore: null, issues };
    default:
      issues.push(error('unknown-op', name, 'op', null, `unknown operation ${show(op)}.`));
      return failed(issues);
  }
}

const COORDINATES = [
  'half_pixel',
  'pytorch_half_pixel',
  'align_corners',
  'asymmetric',
  'tf_half_pixel_for_nn',
];
const NEAREST: Record<string, ResampleTaps> = {
  round_prefer_floor: 'round-prefer-floor',
  round_prefer_ceil: 'round-prefer-ceil',
  floor: 'floor',
  ceil: 'ceil',
};
const MAX_RULE = 2 ** 26;

/** ONNX Resize to a given size: per axis, the affine sampling rule of resample.ts. */
function planResize(name: string, layer: Rec, nIn: Axes<number>, issues: RfIssue[]): LayerPlan {
  const size = readInts(name, layer, 'size', 1, 'factor-too-small', issues);
  const coordinate = layer['coordinate'];
  const mode = layer['mode'];
  const nearest = layer['nearest'] ?? 'round_prefer_floor';
  const bad = (field: string, text: string) => issues.push(error('bad-layer', name, field, null, text));
  if (typeof coordinate !== 'string' || !COORDINATES.includes(coordinate))
    bad(
      'coordinate',
      `the coordinate mode must be one of ${COORDINATES.join(', ')} (got ${show(coordinate)}).`,
    );
  if (mode !== 'nearest' && mode !== 'linear' && mode !== 'cubic')
    bad('mode', `the resize mode must be nearest, linear or cubic (got ${show(mode)}).`);
  if (typeof nearest !== 'string' || !(nearest in NEAREST))
    bad(
      'nearest',
      `the nearest rounding must be one of ${Object.keys(NEAREST).join(', ')} (got ${show(nearest)}).`,
    );
  const scaleRaw = layer['scale'];
  const scaleOf = (axis: Axis): { num: number; den: number } | null => {
    if (scaleRaw === undefined) return size === null ? null : { num: size[axis], den: nIn[axis] };
    const v = isRecord(scaleRaw) ? scaleRaw[axis] : undefined;
    if (!isRecord(v)) return null;
    const { num, den } = v as { num: unknown; den: unknown };
    return typeof num === 'number' &&
      typeof den === 'number' &&
      Number.isSafeInteger(num) &&
      Number.isSafeInteger(den) &&
      num > 0 &&
      den > 0 &&
      num <= MAX_RULE &&
      den <= MAX_RULE
      ? { num, den }
      : null;
  };
  if (size === null || issues.some((i) => i.severity === 'error')) return failed(issues);
  const ops = perAxis((axis): Op1D | null => {
    const scale = scaleOf(axis);
    if (scale === null) {
      bad(
        'scale',
        `${fieldLabel('scale', axis)} must be a positive fraction { num, den } (got ${show(scaleRaw)}).`,
      );
      return null;
    }
    if (size[axis] > MAX_RULE || nIn[axis] > MAX_RULE) {
      issues.push(
        error(
          'too-large',
          name,
          'size',
          axis,
          `${fieldLabel('size', axis)} is too large to resample exactly.`,
        ),
      );
      return null;
    }
    const rule = resampleRule(coordinate as string, nIn[axis], size[axis], scale)!;
    const taps: ResampleTaps = rule.constant
      ? 'floor'
      : mode === 'nearest'
        ? NEAREST[nearest as string]!
        : (mode as 'linear' | 'cubic');
    return { kind: 'resample', n: size[axis], a: rule.a, b: rule.b, c: rule.c, taps };
  });
  if (ops.h === null || ops.w === null) return failed(issues);
  return { ops: { h: ops.h, w: ops.w }, paddingBefore: null, issues };
}

function failed(issues: RfIssue[]): LayerPlan {
  return { ops: null, paddingBefore: null, issues };
}

function before(op: Op1D): number {
  return op.kind === 'window' || op.kind === 'transposed' || op.kind === 'shift' ? op.before : 0;
}

/** Ops that combine several inputs; all others take exactly one. */
export function isMergeOp(op: unknown): op is 'add' | 'mul' | 'concat' {
  return op === 'add' || op === 'mul' || op === 'concat';
}
