/**
 * The ONNX report's per-node rows in a compact, column-wise form: built in the import worker from
 * the engine's analysis, posted to the page in one structured clone (a few long strings and typed
 * arrays instead of one object per node), and read there a row at a time. Every figure is the
 * engine's, formatted once by the table's own formatter (`tableRow`).
 */
import type { Analysis, LayerResult } from '../../src/rf';
import { ROW_FLAGS, tableRow, type RowCells, type RowFlag, type TableRow } from './layer-table';

/** Strings end to end: row i is `text.slice(ends[i − 1] ?? 0, ends[i])`. */
export interface TextColumn {
  text: string;
  ends: Uint32Array;
}

/** Where a misaligned row's grid first went off (the engine's `misalignedAt`). */
export interface RowMisalignment {
  index: number;
  node: string;
  axis: 'h' | 'w';
  kind: 'stride' | 'centre';
}

export interface ReportRows {
  count: number;
  name: TextColumn;
  /** The ONNX operator of each row ('Conv'…), or the engine's op for the input. */
  op: TextColumn;
  cells: Record<keyof RowCells, TextColumn>;
  /** Bit i set when the row has flag ROW_FLAGS[i]. */
  flags: Uint8Array;
  /** r per axis (for the growth chart). */
  rfH: Float64Array;
  rfW: Float64Array;
  /** Depth of each row: layers on the longest path from the input (the growth chart's x). */
  depth: Uint32Array;
  /** The flags that occur anywhere, in legend order. */
  flagsInUse: RowFlag[];
  /** Rows with a misaligned grid (sparse: usually none or a few). */
  misaligned: RowMisalignment[];
  /** Rows reached by a global branch: row index and the node it comes through (sparse). */
  globalContext: { index: number; from: string }[];
  /** The rows the growth chart draws (`chartIndexes` at MAX_CHART_POINTS), in order. */
  chart: Uint32Array;
}

/**
 * Points of the growth chart for a long model (every node up to this many): about one per 3 px of
 * a wide chart, and few enough for the page to draw in one short task.
 */
export const MAX_CHART_POINTS = 200;

const CELL_KEYS: readonly (keyof RowCells)[] = ['n', 'j', 'r', 'start', 'S', 'P'];

/** A text column of `values` (one pass, one string). */
export function textColumn(values: readonly string[]): TextColumn {
  const ends = new Uint32Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += values[i]!.length;
    ends[i] = at;
  }
  return { text: values.join(''), ends };
}

/** Row i of a text column ('' outside it). */
export function textAt(column: TextColumn, i: number): string {
  if (i < 0 || i >= column.ends.length) return '';
  return column.text.slice(i === 0 ? 0 : column.ends[i - 1], column.ends[i]);
}

/** The compact rows of an analysis; `opOf` names the ONNX operator of a node (else the engine's op). */
export function buildRows(
  analysis: Pick<Analysis, 'layers'>,
  opOf: (name: string) => string | undefined = () => undefined,
): ReportRows {
  const layers: readonly LayerResult[] = analysis.layers;
  const count = layers.length;
  const names: string[] = new Array<string>(count);
  const opNames: string[] = new Array<string>(count);
  const cells = Object.fromEntries(CELL_KEYS.map((k) => [k, new Array<string>(count)])) as Record<
    keyof RowCells,
    string[]
  >;
  const flags = new Uint8Array(count);
  const rfH = new Float64Array(count);
  const rfW = new Float64Array(count);
  const depth = new Uint32Array(count);
  const depthOf = new Map<string, number>();
  const misaligned: RowMisalignment[] = [];
  const globalContext: { index: number; from: string }[] = [];
  let seen = 0;
  for (let i = 0; i < count; i++) {
    const layer = layers[i]!;
    const row = tableRow(layer, i);
    names[i] = layer.name;
    opNames[i] = opOf(layer.name) ?? layer.op;
    for (const k of CELL_KEYS) cells[k][i] = row.cells[k];
    let bits = 0;
    for (const flag of row.flags) bits |= 1 << ROW_FLAGS.indexOf(flag);
    flags[i] = bits;
    seen |= bits;
    rfH[i] = layer.rf.h;
    rfW[i] = layer.rf.w;
    let d = 0;
    for (const input of layer.inputs) d = Math.max(d, (depthOf.get(input) ?? -1) + 1);
    depth[i] = d;
    depthOf.set(layer.name, d);
    if (layer.misalignedAt !== null) misaligned.push({ index: i, ...layer.misalignedAt });
    if (layer.globalContextFrom !== null) globalContext.push({ index: i, from: layer.globalContextFrom });
  }
  return {
    count,
    name: textColumn(names),
    op: textColumn(opNames),
    cells: Object.fromEntries(CELL_KEYS.map((k) => [k, textColumn(cells[k])])) as Record<
      keyof RowCells,
      TextColumn
    >,
    flags,
    rfH,
    rfW,
    depth,
    flagsInUse: ROW_FLAGS.filter((_, bit) => (seen & (1 << bit)) !== 0),
    misaligned,
    globalContext,
    chart: Uint32Array.from(chartIndexes({ count, rfH, rfW }, MAX_CHART_POINTS)),
  };
}

/** The buffers of `rows`, to transfer rather than copy. */
export function rowBuffers(rows: ReportRows): ArrayBuffer[] {
  const columns = [rows.name, rows.op, ...CELL_KEYS.map((k) => rows.cells[k])];
  const arrays = [rows.flags, rows.rfH, rows.rfW, rows.depth, rows.chart];
  return [...columns.map((c) => c.ends.buffer), ...arrays.map((a) => a.buffer)].filter(
    (b): b is ArrayBuffer => b instanceof ArrayBuffer,
  );
}

/** The flags of row i, in legend order. */
export function rowFlagsAt(rows: ReportRows, i: number): RowFlag[] {
  const bits = rows.flags[i] ?? 0;
  return ROW_FLAGS.filter((_, bit) => (bits & (1 << bit)) !== 0);
}

/** Row i as the table shows it. */
export function rowAt(rows: ReportRows, i: number): TableRow {
  return {
    name: textAt(rows.name, i),
    index: i,
    op: textAt(rows.op, i),
    cells: Object.fromEntries(CELL_KEYS.map((k) => [k, textAt(rows.cells[k], i)])) as unknown as RowCells,
    flags: rowFlagsAt(rows, i),
  };
}

/**
 * Position of the row named `name` (the last one, should two share it), or −1: a search of the
 * joined names from the end for a match that starts and ends on a row's bounds. No index is kept,
 * so nothing is built for the 100,000 names of a large model before its first pick.
 */
export function indexOfName(rows: ReportRows, name: string): number {
  const { text, ends } = rows.name;
  if (name === '') {
    for (let i = ends.length - 1; i >= 0; i--) if ((i === 0 ? 0 : ends[i - 1]) === ends[i]) return i;
    return -1;
  }
  for (let at = text.lastIndexOf(name); at >= 0; at = at === 0 ? -1 : text.lastIndexOf(name, at - 1)) {
    const row = rowOfOffset(rows.name, at);
    if ((row === 0 ? 0 : ends[row - 1]) === at && ends[row] === at + name.length) return row;
  }
  return -1;
}

/** The row whose end offset is the first one past `offset` (binary search over a column's ends). */
function rowOfOffset(column: TextColumn, offset: number): number {
  let lo = 0;
  let hi = column.ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (column.ends[mid]! > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The row a reader means by `query`: the node with exactly that name, else the first (from row
 * `after` + 1, wrapping) whose name contains it, ignoring case; −1 when none does.
 */
export function findRow(rows: ReportRows, query: string, after = -1): number {
  const q = query.trim();
  if (q === '' || rows.count === 0) return -1;
  const exact = indexOfName(rows, q);
  if (exact >= 0 && exact > after) return exact;
  const text = rows.name.text.toLowerCase();
  const needle = q.toLowerCase();
  // A match may span two names in the joined text: skip those and look on.
  const search = (from: number, to: number): number => {
    let at = text.indexOf(needle, from);
    while (at >= 0 && at < to) {
      const row = rowOfOffset(rows.name, at);
      if (at + needle.length <= rows.name.ends[row]!) return row;
      at = text.indexOf(needle, at + 1);
    }
    return -1;
  };
  const start = after < 0 ? 0 : (rows.name.ends[after] ?? 0);
  const hit = search(start, text.length);
  return hit >= 0 ? hit : search(0, start);
}

/**
 * At most about `max` points of the growth chart for a long network: in each run of rows the first
 * and the one with the largest r, plus the last row and row `keep` (the selection), in order.
 */
export function chartIndexes(
  rows: Pick<ReportRows, 'count' | 'rfH' | 'rfW'>,
  max: number,
  keep = -1,
): number[] {
  const n = rows.count;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const bucket = Math.ceil(n / Math.max(1, Math.floor(max / 2)));
  const out: number[] = [];
  for (let from = 0; from < n; from += bucket) {
    const to = Math.min(n, from + bucket);
    let top = from;
    for (let i = from + 1; i < to; i++) {
      if (Math.max(rows.rfH[i]!, rows.rfW[i]!) > Math.max(rows.rfH[top]!, rows.rfW[top]!)) top = i;
    }
    out.push(from);
    if (top !== from) out.push(top);
    if (keep > from && keep < to && keep !== top) out.push(keep);
  }
  if (out.at(-1) !== n - 1) out.push(n - 1);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** The chart's rows with row `keep` (the selection) among them, in order (`chartIndexes` with `keep`). */
export function chartRowsWith(rows: Pick<ReportRows, 'count' | 'chart'>, keep: number): number[] {
  const out = Array.from(rows.chart);
  if (keep < 0 || keep >= rows.count) return out;
  let at = 0;
  while (at < out.length && out[at]! < keep) at++;
  if (out[at] !== keep) out.splice(at, 0, keep);
  return out;
}
