/**
 * The report both commands print for an analysed network (`rf <zoo-model>` and `rf model.onnx`):
 * the per-layer table, the one-line summary of the chosen layer, and the JSON document. Numbers are
 * the engine's exact values; a pair prints once when both axes agree, else as h×w.
 */
import {
  formatRatio,
  ratioString,
  toNumber,
  type Diagnosis,
  type LayerResult,
  type Ratio,
} from '../rf/index.ts';
import type { Axes } from '../rf/types.ts';

/** Where a command writes (the terminal, or a buffer in tests). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Writes to the process's stdout and stderr. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** `--input` as "H" or "HxW" (also "H×W") with positive safe integers, or a message saying what is wrong. */
export function parseInputSize(value: string | undefined): Axes<number> | string {
  const m = value === undefined ? null : /^(\d+)(?:[x×](\d+))?$/.exec(value.trim());
  if (m === null || m[1] === undefined)
    return `--input expects H or HxW with positive integers (got ${value ?? 'nothing'})`;
  const h = Number(m[1]);
  const w = m[2] === undefined ? h : Number(m[2]);
  if (h < 1 || w < 1 || !Number.isSafeInteger(h) || !Number.isSafeInteger(w))
    return `--input expects positive sizes (got ${value})`;
  return { h, w };
}

/** "3" when both axes agree, else "3×5" (h×w). */
export function pairText<T>(a: Axes<T>, show: (v: T) => string): string {
  const h = show(a.h);
  const w = show(a.w);
  return h === w ? h : `${h}×${w}`;
}

const num = (n: number) => String(n);

/** What S and P print as when they do not apply (after a global layer). */
export const NOT_APPLICABLE = 'n/a';

/** A pair that may be not applicable (null): "n/a" then. */
function maybePair<T>(a: Axes<T> | null, show: (v: T) => string): string {
  return a === null ? NOT_APPLICABLE : pairText(a, show);
}

/** Extra right-hand columns of the layer table (the --diagnose columns). */
export interface ExtraColumns {
  head: string[];
  cells: (l: LayerResult) => string[];
}

/** The per-layer table: name, op, n, j, r, start, S, P; `opLabel` may name the op differently. */
export function layerTable(
  layers: Iterable<LayerResult>,
  opLabel: (l: LayerResult) => string = (l) => l.op,
  extra?: ExtraColumns,
): string {
  const parts: string[] = [];
  writeLayerTable((text) => parts.push(text), layers, opLabel, extra);
  return parts.join('');
}

/** Lines handed to `write` at a time by `writeLayerTable`. */
const LINES_PER_CHUNK = 4096;

/**
 * The table of `layerTable`, handed to `write` in chunks (no trailing newline). `layers` is read
 * twice and cells are formatted twice (once for the column widths, once to print) rather than kept:
 * on a graph of 10^6 nodes the kept cells and lines would take hundreds of megabytes.
 */
export function writeLayerTable(
  write: (text: string) => void,
  layers: Iterable<LayerResult>,
  opLabel: (l: LayerResult) => string = (l) => l.op,
  extra?: ExtraColumns,
): void {
  const head = ['name', 'op', 'n', 'j', 'r', 'start', 'S', 'P', ...(extra?.head ?? [])];
  const cells = (l: LayerResult): string[] => [
    l.name,
    opLabel(l),
    pairText(l.size, num),
    pairText(l.jump, formatRatio),
    pairText(l.rf, num) + (l.global ? ' (global)' : l.globalContext ? ' (+context)' : ''),
    pairText(l.start, formatRatio),
    maybePair(l.stride, formatRatio),
    maybePair(l.padding, formatRatio),
    ...(extra?.cells(l) ?? []),
  ];
  // Loops, not Math.max(...column): a spread of 10^6 rows overflows the call stack.
  const widths = head.map((h) => h.length);
  for (const l of layers) {
    const row = cells(l);
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, (row[i] ?? '').length);
  }
  const line = (row: string[]) =>
    row
      .map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  let chunk = [line(head), line(widths.map((w) => '-'.repeat(w)))];
  let first = true;
  const flush = () => {
    // Lines are joined by newlines; the last line has none after it.
    write((first ? '' : '\n') + chunk.join('\n'));
    first = false;
    chunk = [];
  };
  for (const l of layers) {
    chunk.push(line(cells(l)));
    if (chunk.length >= LINES_PER_CHUNK) flush();
  }
  if (chunk.length > 0) flush();
}

/** One sentence on the chosen layer: RF, effective stride and padding, units, and its flags. */
export function outputSummary(out: LayerResult): string {
  const merges = out.misalignments.length;
  const from = out.misalignedAt;
  const flags = [
    out.global ? 'global: every unit sees the whole input' : null,
    out.globalContextFrom !== null
      ? `global context: a path through a global layer also feeds this node (from ${out.globalContextFrom})`
      : null,
    from === null
      ? 'aligned'
      : `misaligned (${merges} merge${merges === 1 ? '' : 's'} here; first at ${from.node}, ${from.kind} on ${from.axis})`,
    out.uniform.h && out.uniform.w ? null : 'region size varies with the unit (r is the maximum)',
  ].filter((x) => x !== null);
  return (
    `Output ${out.name}: RF ${pairText(out.rf, num)} px, effective stride ${maybePair(out.stride, formatRatio)}, ` +
    `effective padding ${maybePair(out.padding, formatRatio)}, ${pairText(out.size, num)} units; ${flags.join('; ')}.`
  );
}

const pair = <T, U>(a: Axes<T>, f: (v: T) => U): [U, U] => [f(a.h), f(a.w)];
const pairOrNull = <T, U>(a: Axes<T> | null, f: (v: T) => U): [U, U] | null =>
  a === null ? null : pair(a, f);
const exact = (a: Axes<Ratio>) => pair(a, ratioString);
const exactOrNull = (a: Axes<Ratio> | null) => (a === null ? null : exact(a));
const id = (n: number) => n;

/** Extra fields a command adds to the JSON document: per layer, and at the top level. */
export interface JsonExtras {
  layer?: (l: LayerResult) => Record<string, unknown>;
  top?: Record<string, unknown>;
}

/**
 * The JSON document: input size, every layer's n, j, r, start, S, P as [h, w], and the chosen output.
 * j, start, S and P are rationals: the [h, w] numbers are the nearest floats, for convenience, and
 * `exact` repeats them as strings in lowest terms ("1/3", "-7/6", "2").
 */
export function reportJson(
  input: Axes<number>,
  analysis: { layers: Iterable<LayerResult> },
  out: LayerResult,
  extras: JsonExtras = {},
): string {
  return JSON.stringify(
    {
      input: [input.h, input.w],
      layers: Array.from(analysis.layers, (l) => ({
        name: l.name,
        op: l.op,
        ...extras.layer?.(l),
        size: pair(l.size, id),
        jump: pair(l.jump, toNumber),
        rf: pair(l.rf, id),
        start: pair(l.start, toNumber),
        stride: pairOrNull(l.stride, toNumber),
        padding: pairOrNull(l.padding, toNumber),
        ...(l.notApplicable === null ? {} : { notApplicable: l.notApplicable }),
        exact: {
          jump: exact(l.jump),
          start: exact(l.start),
          stride: exactOrNull(l.stride),
          padding: exactOrNull(l.padding),
        },
      })),
      output: {
        name: out.name,
        rf: pair(out.rf, id),
        stride: pairOrNull(out.stride, toNumber),
        padding: pairOrNull(out.padding, toNumber),
        exact: { stride: exactOrNull(out.stride), padding: exactOrNull(out.padding) },
        global: out.global,
        globalContext: out.globalContext,
        aligned: out.aligned,
        ...(out.misalignedAt === null ? {} : { misalignedAt: out.misalignedAt }),
        ...(out.globalContextFrom === null ? {} : { globalContextFrom: out.globalContextFrom }),
      },
      ...extras.top,
    },
    null,
    2,
  );
}

/** The --diagnose columns: shortest- and longest-path RF and the border/critical mark. */
export function diagnosisColumns(d: Diagnosis): ExtraColumns {
  const byName = new Map(d.layers.map((l) => [l.name, l]));
  return {
    head: ['minRf', 'maxRf', 'mark'],
    cells: (l) => {
      const x = byName.get(l.name);
      if (x === undefined) return ['', '', ''];
      return [
        pairText(x.minRf, num),
        pairText(x.maxRf, num),
        x.border ? 'border' : x.critical ? 'critical' : '',
      ];
    },
  };
}

const sizeText = (a: Axes<number | null>) => pairText(a, (v) => (v === null ? 'none' : String(v)));

/** The --diagnose paragraph: border and critical layers at the input size, the usable input sizes, MACs. */
export function diagnosisSummary(input: Axes<number>, d: Diagnosis): string {
  const list = (names: string[]) => (names.length === 0 ? 'none' : names.join(', '));
  const lines = [
    `Border layers at ${input.h}×${input.w} (${d.borderLayers.length}): ${list(d.borderLayers)}.`,
    `Critical layers (${d.criticalLayers.length}): ${list(d.criticalLayers)}.`,
  ];
  const r = d.inputRange;
  if (r !== null) {
    const empty = r.empty.h || r.empty.w;
    lines.push(
      `Usable input sizes: ${sizeText(r.min)} to ${pairText(r.max, num)} px${empty ? ' (empty: no size avoids border layers and stays covered by the output)' : ''}; ` +
        `the shortest-path rule alone asks for ${pairText(r.minByRf, num)} px.`,
    );
  }
  if (d.macs !== null)
    lines.push(
      `Multiply-accumulates: ${d.macs.total.toLocaleString('en-US')} in convolutions, ${(100 * d.macs.share).toFixed(1)}% of them in border layers.`,
    );
  else if (d.macsUnknown !== null)
    lines.push(`Multiply-accumulates: unknown (${d.macsUnknown} does not record its channels).`);
  return lines.join('\n');
}

/** The JSON fields --diagnose adds: per layer minRf/maxRf as [h, w], and a top-level `diagnostics`. */
export function diagnosisJson(input: Axes<number>, d: Diagnosis): JsonExtras {
  const byName = new Map(d.layers.map((l) => [l.name, l]));
  const r = d.inputRange;
  return {
    layer: (l) => {
      const x = byName.get(l.name);
      return x === undefined
        ? {}
        : { minRf: pair(x.minRf, id), maxRf: pair(x.maxRf, id), border: x.border, critical: x.critical };
    },
    top: {
      diagnostics: {
        input: [input.h, input.w],
        borderLayers: d.borderLayers,
        criticalLayers: d.criticalLayers,
        inputRange:
          r === null
            ? null
            : {
                min: [r.min.h, r.min.w],
                max: [r.max.h, r.max.w],
                minByRf: [r.minByRf.h, r.minByRf.w],
                empty: r.empty.h || r.empty.w,
              },
        macs: d.macs,
      },
    },
  };
}
