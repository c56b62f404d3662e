/**
 * The arithmetic of a virtualised list: which rows are in the page for a scroll position, how tall
 * the spacers above and below them are, and where to scroll so that a row is in view. Pixels
 * throughout. Rows of equal height: row i spans [i·rowHeight, (i + 1)·rowHeight); rows of their own
 * heights: row i spans [offsets[i], offsets[i + 1]) (see `rowOffsets`).
 */

/** One height for every row, or each row's top offset followed by the height of all rows. */
export type RowSizes = number | readonly number[];

/** The offsets of rows of the given heights: [0, h₀, h₀ + h₁, …, Σh] (count + 1 entries). */
export function rowOffsets(heights: readonly number[]): number[] {
  const offsets = [0];
  let top = 0;
  for (const h of heights) offsets.push((top += Math.max(0, h)));
  return offsets;
}

/** The height of rows [from, to). */
export function rowSpan(sizes: RowSizes, from: number, to: number): number {
  if (typeof sizes === 'number') return Math.max(0, to - from) * sizes;
  return (sizes[to] ?? sizes.at(-1) ?? 0) - (sizes[from] ?? 0);
}

/** The row that holds pixel `y` (0 ≤ y < total; the last row for y at or past the end). */
function rowAtPixel(sizes: readonly number[], count: number, y: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if ((sizes[mid] ?? Infinity) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export interface WindowInput {
  count: number;
  rowHeight: number;
  /** Rows of their own heights (`rowOffsets`): when given, `rowHeight` only stands in before layout. */
  offsets?: readonly number[];
  /** Scroll offset of the rows' box, from the top of the first row. */
  scrollTop: number;
  /** Visible height of the box (0 when not laid out yet: `fallbackRows` are shown). */
  viewport: number;
  /** Rows rendered beyond each edge of the view. */
  overscan: number;
  fallbackRows?: number;
}

export interface RowWindow {
  /** First row in the page. */
  start: number;
  /** One past the last row in the page. */
  end: number;
  /** Heights of the spacers before `start` and after `end`. */
  before: number;
  after: number;
  /** The height of all rows (the scroll height of the list). */
  total: number;
}

/** Rows [start, end) to render and the spacers around them; start ≤ end, both within 0…count. */
export function rowWindow(input: WindowInput): RowWindow {
  const count = Math.max(0, Math.floor(input.count));
  const h = input.rowHeight > 0 ? input.rowHeight : 1;
  if (input.offsets !== undefined && input.offsets.length === count + 1)
    return offsetWindow(input, count, input.offsets);
  const total = count * h;
  const overscan = Math.max(0, Math.floor(input.overscan));
  const visible = input.viewport > 0 ? Math.ceil(input.viewport / h) + 1 : (input.fallbackRows ?? 40);
  const maxTop = Math.max(0, total - Math.max(0, input.viewport));
  const top = Math.min(Math.max(0, input.scrollTop), maxTop);
  const first = Math.floor(top / h);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return {
    start,
    end: Math.max(start, end),
    before: start * h,
    after: (count - Math.max(start, end)) * h,
    total,
  };
}

/** rowWindow for rows of their own heights: the rows that cross the view, plus `overscan` each side. */
function offsetWindow(input: WindowInput, count: number, offsets: readonly number[]): RowWindow {
  const total = offsets[count] ?? 0;
  const overscan = Math.max(0, Math.floor(input.overscan));
  let first = 0;
  let last = Math.min(count, input.fallbackRows ?? 40);
  if (input.viewport > 0 && count > 0) {
    const top = Math.min(Math.max(0, input.scrollTop), Math.max(0, total - input.viewport));
    first = rowAtPixel(offsets, count, top);
    last = rowAtPixel(offsets, count, top + input.viewport - 1) + 1;
  }
  const start = Math.max(0, first - overscan);
  const end = Math.max(start, Math.min(count, last + overscan));
  return { start, end, before: offsets[start] ?? 0, after: total - (offsets[end] ?? total), total };
}

/**
 * The scroll offset that brings row `index` fully into a view of `viewport` pixels, moving as
 * little as possible (the current offset when it already is).
 */
export function scrollToRow(index: number, rowHeight: RowSizes, scrollTop: number, viewport: number): number {
  const top = rowSpan(rowHeight, 0, index);
  const bottom = top + rowSpan(rowHeight, index, index + 1);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return scrollTop;
}

/** The row reached from `current` by a key: ±1, a page of `pageRows`, or the first/last row. */
export function keyStep(key: string, current: number, count: number, pageRows: number): number | null {
  const page = Math.max(1, pageRows - 1);
  const target: Record<string, number> = {
    ArrowUp: current - 1,
    ArrowDown: current + 1,
    PageUp: current - page,
    PageDown: current + page,
    Home: 0,
    End: count - 1,
  };
  const next = target[key];
  if (next === undefined || count === 0) return null;
  return Math.max(0, Math.min(count - 1, next));
}

/** One row of a virtual list, or a spacer of the height of the rows left out there. */
export type WindowItem =
  { kind: 'row'; key: string; index: number } | { kind: 'gap'; key: string; height: number };

/**
 * The rows of `win` in order with spacers between, plus the rows of `keep` that lie outside the
 * window, each in its place (the row that holds the keyboard focus stays in the page however far
 * the list is scrolled; −1 for none). Spacers are keyed top, middle (middle-2, … when several rows
 * are kept) and bottom; spacers of zero height are left out.
 */
export function windowItems(
  win: RowWindow,
  keep: number | readonly number[],
  count: number,
  rowHeight: RowSizes,
): WindowItem[] {
  const kept = (typeof keep === 'number' ? [keep] : keep).filter(
    (k) => Number.isInteger(k) && k >= 0 && k < count && (k < win.start || k >= win.end),
  );
  const rows = [...new Set(kept)].sort((a, b) => a - b);
  const above = rows.filter((k) => k < win.start);
  const below = rows.filter((k) => k >= win.end);
  const order = [...above, ...Array.from({ length: win.end - win.start }, (_, i) => win.start + i), ...below];
  const items: WindowItem[] = [];
  let middles = 0;
  let next = 0;
  for (const index of order) {
    if (index > next) {
      const key = next === 0 ? 'top' : ++middles === 1 ? 'middle' : `middle-${middles}`;
      items.push({ kind: 'gap', key, height: rowSpan(rowHeight, next, index) });
    }
    items.push({ kind: 'row', key: `row-${index}`, index });
    next = index + 1;
  }
  if (count > next) items.push({ kind: 'gap', key: 'bottom', height: rowSpan(rowHeight, next, count) });
  return items;
}
