/**
 * View model of OnnxReport: what the page shows about an imported ONNX model. The import worker
 * reads the file, analyses the network and sends the rows; every number here is the engine's,
 * formatted in the worker.
 * The link keeps the chosen node, the input size and the example shown, never the file itself.
 */
import type { Axes } from '../../src/rf';
import type { OnnxReportResult } from '../../src/workers/onnx-client';
import { ROW_FLAGS } from './layer-table';
import { checkWhole, formatNumber, type WholeCheck } from './parts/number';
import { chartRowsWith, indexOfName, rowAt, textAt, type ReportRows } from './onnx-rows';
import type { ChartLayer } from './rf-growth-chart';

/** Models with more rows than this pick a node through the table's search, not a drop-down list. */
export const MAX_SELECT_NODES = 1000;

/** Largest input side the size fields accept. */
export const MAX_SIDE = 4096;

export const EXAMPLE_IDS = ['lecture', 'resnet'] as const;
export type ExampleId = (typeof EXAMPLE_IDS)[number];

export function isExampleId(value: string): value is ExampleId {
  return (EXAMPLE_IDS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------------
// The input size fields

/** One side of the input as typed: a whole number from 1 to MAX_SIDE (the kit's parser). */
export function parseSide(text: string): WholeCheck {
  return checkWhole(text, { min: 1, max: MAX_SIDE });
}

// ---------------------------------------------------------------------------------------------------
// Link state: "ex=resnet;in=64x64;at=block.add" (the node name is percent-encoded)

export interface ReportLink {
  example: ExampleId | null;
  input: Axes<number> | null;
  node: string | null;
}

export function encodeLink(state: ReportLink): string | null {
  const parts: string[] = [];
  if (state.example !== null) parts.push(`ex=${state.example}`);
  if (state.input !== null) parts.push(`in=${state.input.h}x${state.input.w}`);
  if (state.node !== null) parts.push(`at=${encodeURIComponent(state.node)}`);
  return parts.length === 0 ? null : parts.join(';');
}

export function decodeLink(text: string | null): ReportLink {
  const state: ReportLink = { example: null, input: null, node: null };
  if (text === null) return state;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 'ex' && isExampleId(value)) state.example = value;
    else if (key === 'in') {
      const m = /^(\d+)x(\d+)$/.exec(value);
      const h = parseSide(m?.[1] ?? '');
      const w = parseSide(m?.[2] ?? '');
      if (h.ok && w.ok) state.input = { h: h.value, w: w.value };
    } else if (key === 'at' && value !== '') {
      try {
        state.node = decodeURIComponent(value);
      } catch {
        state.node = null;
      }
    }
  }
  return state;
}

// ---------------------------------------------------------------------------------------------------
// The report

export type Alignment =
  { ok: true } | { ok: false; node: string; axis: 'h' | 'w'; kind: 'stride' | 'centre' };

export interface NodeSummary {
  row: { name: string; index: number; global: boolean };
  op: string;
  n: string;
  r: string;
  S: string;
  P: string;
  alignment: Alignment;
  /** The merge through which a global branch reaches the node (squeeze-and-excitation), or null. */
  globalContext: string | null;
}

export interface Report {
  rows: ReportRows;
  /** False when the engine reported an error for this input size. */
  ok: boolean;
  /** The node shown when the reader has not picked one: the last node with a spatial output. */
  defaultNode: string | null;
  /** The node shown (the reader's choice when it exists, else the default). */
  node: string | null;
  /** Its row, or −1. */
  index: number;
  summary: NodeSummary | null;
}

/** What a report shows whichever node is picked (worked out once per import). */
export type ReportBase = Pick<Report, 'rows' | 'ok' | 'defaultNode'> & { defaultIndex: number };

const GLOBAL_BIT = 1 << ROW_FLAGS.indexOf('global');

/** The part of the report of an analysed import that a pick does not change. */
export function reportBase(result: Pick<OnnxReportResult, 'rows' | 'ok'>): ReportBase {
  const { rows, ok } = result;
  let spatial = -1;
  for (let i = rows.count - 1; i > 0 && spatial < 0; i--)
    if ((rows.flags[i]! & GLOBAL_BIT) === 0) spatial = i;
  const defaultIndex = spatial >= 0 ? spatial : rows.count - 1;
  const defaultNode = defaultIndex >= 0 ? textAt(rows.name, defaultIndex) : null;
  return { rows, ok, defaultIndex, defaultNode };
}

/**
 * The report of an analysed import, showing `chosen` when it names a node of the network. Reads the
 * worker's rows only: a few rows are looked at, whatever the size of the model.
 */
export function buildReport(result: Pick<OnnxReportResult, 'rows' | 'ok'>, chosen: string | null): Report {
  return pickReport(reportBase(result), chosen);
}

/** The report at `chosen` (or at the default node) over a base worked out before. */
export function pickReport(base: ReportBase, chosen: string | null): Report {
  const { rows, ok, defaultIndex, defaultNode } = base;
  const picked = chosen === null ? -1 : indexOfName(rows, chosen);
  const index = picked >= 0 ? picked : defaultIndex;
  const node = index >= 0 ? textAt(rows.name, index) : null;
  let summary: NodeSummary | null = null;
  if (ok && index >= 0) {
    const row = rowAt(rows, index);
    const from = rows.misaligned.find((m) => m.index === index);
    summary = {
      row: { name: row.name, index, global: (rows.flags[index]! & GLOBAL_BIT) !== 0 },
      op: row.op,
      n: row.cells.n,
      r: row.cells.r,
      S: row.cells.S,
      P: row.cells.P,
      alignment:
        from === undefined ? { ok: true } : { ok: false, node: from.node, axis: from.axis, kind: from.kind },
      globalContext: rows.globalContext.find((g) => g.index === index)?.from ?? null,
    };
  }
  return { rows, ok, defaultNode, node, index, summary };
}

/** The layers the growth chart draws: every row of a short model, a reduced set of a long one. */
export function chartLayers(rows: ReportRows, selected: number): ChartLayer[] {
  return chartRowsWith(rows, selected).map((i) => ({
    name: textAt(rows.name, i),
    // Plotted by depth, so that the branches of a block stack up instead of zig-zagging.
    index: rows.depth[i]!,
    rf: { h: rows.rfH[i]!, w: rows.rfW[i]! },
    global: (rows.flags[i]! & GLOBAL_BIT) !== 0,
  }));
}

/** A byte count for people: "812 B", "3.4 KB", "97.8 MB" (1 KB = 1000 B). */
export function formatBytes(bytes: number, locale: 'en' | 'ru'): string {
  const units = locale === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const text = formatNumber(locale, value, { digits, grouping: 'locale' });
  return `${text} ${units[unit]}`;
}

/** The share of the file read so far, 0…100 (0 for an empty total). */
export function percent(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((loaded / total) * 100)));
}
