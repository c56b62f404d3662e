/**
 * View model of FamousNetworks: the lecture's table of receptive field r, effective stride S and
 * effective padding P of well-known networks, computed by the engine from the model zoo at any square
 * input size, with sorting, the cells that differ from the 224-pixel table, and the link state.
 */
import { analyze, toNumber, type Analysis } from '../../src/rf';
import type { ZooModel } from '../../src/rf/zoo/model';
import { formatAxes } from './layer-table';
import { formatLayer, withInput } from './shared/network-io';
import { checkWhole, type WholeCheck } from './parts/number';
import { formatRatio } from '../../src/rf';

/** The lecture's table, in its order (TF-slim networks, from the receptive_field README). */
export const LECTURE_ORDER: readonly string[] = [
  'alexnet_v2',
  'vgg_16',
  'mobilenet_v1',
  'mobilenet_v1_075',
  'resnet_v1_50',
  'inception_v2',
  'resnet_v1_101',
  'inception_v3',
  'resnet_v1_152',
  'resnet_v1_200',
  'inception_v4',
  'inception_resnet_v2',
];

/** Table rows whose year needs a word: alexnet_v2 (2014) is the later variant of the 2012 AlexNet. */
export const YEAR_NOTES: Readonly<Record<string, 'widget.famous.alexnetNote'>> = {
  alexnet_v2: 'widget.famous.alexnetNote',
};

/** The input size of the published table. */
export const BASE_SIZE = 224;
export const MAX_SIZE = 4096;

export type Column = 'rf' | 'stride' | 'padding';
export const COLUMNS: readonly Column[] = ['rf', 'stride', 'padding'];
export type SortKey = 'order' | 'model' | Column | 'year';
export type SortDir = 'asc' | 'desc';

export interface ModelRow {
  id: string;
  title: string;
  year: number | null;
  endpoint: string;
  /** Position in the lecture's table, or null for the other zoo models. */
  lectureIndex: number | null;
  /** Position in the zoo (the order of the other models). */
  zooIndex: number;
  /** The engine's values at the chosen size (null when the network does not fit the input). */
  values: Record<Column, { text: string; value: number }> | null;
  /** The same values at 224 px, for comparison. */
  base: Record<Column, { text: string; value: number }> | null;
  /** Cells whose value differs from the one at 224 px. */
  changed: Record<Column, boolean>;
}

const cache = new Map<string, Analysis>();
/** Enough for the whole zoo at a handful of sizes; older entries are dropped first. */
const CACHE_LIMIT = 240;

/** The engine's analysis of a zoo model at a square input of `size` pixels (memoised). */
export function analysisAt(model: ZooModel, size: number): Analysis {
  const key = `${model.id}@${size}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = analyze(withInput(model.network, { h: size, w: size }), { at: model.endpoint });
    cache.set(key, found);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value ?? key);
  }
  return found;
}

/** Each node's layer in the stack grammar ("conv k=3 s=2 p=same"), for the drill-down table. */
export function layerDetails(model: ZooModel): Record<string, string> {
  return Object.fromEntries(model.network.nodes.map((node) => [node.name, formatLayer(node.layer)]));
}

function valuesAt(model: ZooModel, size: number): ModelRow['values'] {
  const out = analysisAt(model, size).output;
  // The output is the last local layer: its S and P always apply.
  if (out === null || out.stride === null || out.padding === null) return null;
  return {
    rf: { text: formatAxes(out.rf, String), value: Math.max(out.rf.h, out.rf.w) },
    stride: { text: formatAxes(out.stride, formatRatio), value: toNumber(out.stride.h) },
    padding: { text: formatAxes(out.padding, formatRatio), value: toNumber(out.padding.h) },
  };
}

/** One table row per model at input `size`, the lecture's twelve first (in its order), then the rest. */
export function modelRows(models: readonly ZooModel[], size: number, showAll: boolean): ModelRow[] {
  const rows = models.map((model, zooIndex): ModelRow => {
    const index = LECTURE_ORDER.indexOf(model.id);
    const values = valuesAt(model, size);
    const base = size === BASE_SIZE ? values : valuesAt(model, BASE_SIZE);
    const changed = (c: Column) => values !== null && base !== null && values[c].text !== base[c].text;
    return {
      id: model.id,
      title: model.title,
      year: model.year,
      endpoint: model.endpoint,
      lectureIndex: index < 0 ? null : index,
      zooIndex,
      values,
      base,
      changed: { rf: changed('rf'), stride: changed('stride'), padding: changed('padding') },
    };
  });
  return rows.filter((row) => showAll || row.lectureIndex !== null);
}

const orderOf = (row: ModelRow) => row.lectureIndex ?? LECTURE_ORDER.length + row.zooIndex;

/** Rows sorted by a column; ties and missing values keep the lecture's order (missing values last). */
export function sortRows(rows: readonly ModelRow[], key: SortKey, dir: SortDir): ModelRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const value = (row: ModelRow): number | string | null => {
    switch (key) {
      case 'order':
        return orderOf(row);
      case 'model':
        return row.id;
      case 'year':
        return row.year;
      default:
        return row.values?.[key].value ?? null;
    }
  };
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? orderOf(a) - orderOf(b) : va === null ? 1 : -1;
    const cmp =
      typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb) : Number(va) - Number(vb);
    return cmp !== 0 ? sign * cmp : orderOf(a) - orderOf(b);
  });
}

/** The next sort after a click on a column header: a new column sorts ascending, the same one flips. */
export function nextSort(
  current: { key: SortKey; dir: SortDir },
  key: SortKey,
): { key: SortKey; dir: SortDir } {
  if (current.key !== key) return { key, dir: 'asc' };
  return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

/** The input size as typed: a whole number from 1 to MAX_SIZE (the kit's parser). */
export function parseSize(text: string): WholeCheck {
  return checkWhole(text, { min: 1, max: MAX_SIZE });
}

export interface FamousState {
  size: number;
  showAll: boolean;
  sort: { key: SortKey; dir: SortDir };
  open: string | null;
}

export const DEFAULT_STATE: FamousState = {
  size: BASE_SIZE,
  showAll: false,
  sort: { key: 'order', dir: 'asc' },
  open: null,
};

const SORT_KEYS: readonly SortKey[] = ['order', 'model', 'rf', 'stride', 'padding', 'year'];

/** The state as a link parameter ("n=321;all=1;sort=rf-desc;open=inception_v2"), null for the default. */
export function encodeFamous(state: FamousState): string | null {
  const parts: string[] = [];
  if (state.size !== BASE_SIZE) parts.push(`n=${state.size}`);
  if (state.showAll) parts.push('all=1');
  if (state.sort.key !== 'order' || state.sort.dir !== 'asc')
    parts.push(`sort=${state.sort.key}-${state.sort.dir}`);
  if (state.open !== null) parts.push(`open=${state.open}`);
  return parts.length === 0 ? null : parts.join(';');
}

/** A state from a link parameter; unknown or malformed parts fall back to the defaults. */
export function decodeFamous(text: string | null): FamousState {
  const state: FamousState = { ...DEFAULT_STATE, sort: { ...DEFAULT_STATE.sort } };
  if (text === null) return state;
  for (const part of text.split(';')) {
    const [key, value = ''] = part.split('=');
    if (key === 'n') {
      const size = parseSize(value);
      if (size.ok) state.size = size.value;
    } else if (key === 'all') state.showAll = value === '1';
    else if (key === 'sort') {
      const m = /^([a-z]+)-(asc|desc)$/.exec(value);
      const sortKey = SORT_KEYS.find((k) => k === m?.[1]);
      if (m && sortKey) state.sort = { key: sortKey, dir: m[2] === 'desc' ? 'desc' : 'asc' };
    } else if (key === 'open' && /^[\w.-]+$/.test(value)) state.open = value;
  }
  return state;
}
