import { formatRatio, type Analysis, type Axes, type LayerResult, type Ratio } from '../../src/rf';
import type { UiKey } from '../../src/i18n';

/** Conditions a row can be flagged with; each has an explanation in the table's legend. */
export type RowFlag = 'global' | 'globalContext' | 'misaligned' | 'nonUniform';

export const ROW_FLAGS: readonly RowFlag[] = ['global', 'globalContext', 'misaligned', 'nonUniform'];

/** The quantities of a row, already formatted for display (one value when h = w, "h × w" otherwise). */
export interface RowCells {
  n: string;
  j: string;
  r: string;
  start: string;
  S: string;
  P: string;
}

export const COLUMNS: readonly (keyof RowCells)[] = ['n', 'j', 'r', 'start', 'S', 'P'];

export interface TableRow {
  /** Node name as the engine knows it (the key for selection). */
  name: string;
  /** Position in the analysis (0 = the input). */
  index: number;
  op: string;
  cells: RowCells;
  flags: RowFlag[];
}

/** One value when both axes agree ("7"), else "h × w" ("7 × 3"). */
export function formatAxes<T>(value: Axes<T>, format: (x: T) => string): string {
  const h = format(value.h);
  const w = format(value.w);
  return h === w ? h : `${h} × ${w}`;
}

/** What the table shows for S and P after a global layer, where they do not apply. */
export const NOT_APPLICABLE = '—';

const num = (x: number): string => String(x);
const rat = (x: Ratio): string => formatRatio(x);

/** Flags of a row: global, local with a global side path, misaligned merge, or a non-uniform grid. */
export function rowFlags(layer: LayerResult): RowFlag[] {
  const flags: RowFlag[] = [];
  if (layer.global) flags.push('global');
  if (layer.globalContext && !layer.global) flags.push('globalContext');
  if (!layer.aligned && !layer.global) flags.push('misaligned');
  if (!layer.global && (!layer.uniform.h || !layer.uniform.w)) flags.push('nonUniform');
  return flags;
}

/** A table row for one engine result; every figure is the engine's, only formatted here. */
export function tableRow(layer: LayerResult, index: number): TableRow {
  return {
    name: layer.name,
    index,
    op: layer.op,
    cells: {
      n: formatAxes(layer.size, num),
      j: formatAxes(layer.jump, rat),
      r: formatAxes(layer.rf, num),
      start: formatAxes(layer.start, rat),
      S: layer.stride === null ? NOT_APPLICABLE : formatAxes(layer.stride, rat),
      P: layer.padding === null ? NOT_APPLICABLE : formatAxes(layer.padding, rat),
    },
    flags: rowFlags(layer),
  };
}

/** Rows of an analysis in its (topological) order, the input first. */
export function tableRows(analysis: Pick<Analysis, 'layers'>): TableRow[] {
  return analysis.layers.map(tableRow);
}

/** The flags that occur anywhere in the table, in legend order. */
export function flagsInUse(rows: TableRow[]): RowFlag[] {
  return ROW_FLAGS.filter((flag) => rows.some((row) => row.flags.includes(flag)));
}

/** The row to move to from `current` by `step` (±1, or ±Infinity for Home/End), clamped to the table. */
export function stepRow(rows: TableRow[], current: string | null, step: number): string | null {
  if (rows.length === 0) return null;
  const at = rows.findIndex((row) => row.name === current);
  const from = at < 0 ? 0 : at;
  const target = step === Infinity ? rows.length - 1 : step === -Infinity ? 0 : from + step;
  return rows[Math.max(0, Math.min(rows.length - 1, target))]?.name ?? null;
}

/** The i18n key of each column's full name (the header shows the symbol). */
export const COLUMN_NAME: Readonly<Record<keyof RowCells, UiKey>> = {
  n: 'widget.layerTable.col.n',
  j: 'widget.layerTable.col.j',
  r: 'widget.layerTable.col.r',
  start: 'widget.layerTable.col.start',
  S: 'widget.layerTable.col.S',
  P: 'widget.layerTable.col.P',
};

/** The i18n key of each flag's short name (the pill). */
export const FLAG_NAME: Readonly<Record<RowFlag, UiKey>> = {
  global: 'widget.layerTable.flag.global',
  globalContext: 'widget.layerTable.flag.globalContext',
  misaligned: 'widget.layerTable.flag.misaligned',
  nonUniform: 'widget.layerTable.flag.nonUniform',
};

/** The i18n key of each flag's explanation (the list under the table). */
export const FLAG_TEXT: Readonly<Record<RowFlag, UiKey>> = {
  global: 'widget.layerTable.flagText.global',
  globalContext: 'widget.layerTable.flagText.globalContext',
  misaligned: 'widget.layerTable.flagText.misaligned',
  nonUniform: 'widget.layerTable.flagText.nonUniform',
};
