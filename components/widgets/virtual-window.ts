/**
 * The arithmetic of a virtualised list of equal-height rows: which rows are in the page for a
 * scroll position, how tall the spacers above and below them are, and where to scroll so that a
 * row is in view. Pixels throughout; row i spans [i·rowHeight, (i + 1)·rowHeight).
 */

export interface WindowInput {
  count: number;
  rowHeight: number;
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

/**
 * The scroll offset that brings row `index` fully into a view of `viewport` pixels, moving as
 * little as possible (the current offset when it already is).
 */
export function scrollToRow(index: number, rowHeight: number, scrollTop: number, viewport: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
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

/** One `<tr>` of a virtual table: a row, or a spacer of the height of the rows left out there. */
export type WindowItem =
  | { kind: 'row'; key: string; index: number }
  | { kind: 'gap'; key: 'top' | 'middle' | 'bottom'; height: number };

/**
 * The rows of `win` in order with spacers between, plus row `keep` when it lies outside the window
 * (the row that holds the keyboard focus stays in the page however far the list is scrolled; −1 for
 * none). Spacers of zero height are left out.
 */
export function windowItems(win: RowWindow, keep: number, count: number, rowHeight: number): WindowItem[] {
  const items: WindowItem[] = [];
  const gap = (key: 'top' | 'middle' | 'bottom', rows: number) => {
    if (rows > 0) items.push({ kind: 'gap', key, height: rows * rowHeight });
  };
  const row = (index: number) => items.push({ kind: 'row', key: `row-${index}`, index });
  const outside = keep >= 0 && keep < count && (keep < win.start || keep >= win.end) ? keep : -1;
  if (outside >= 0 && outside < win.start) {
    gap('top', outside);
    row(outside);
    gap('middle', win.start - outside - 1);
  } else gap('top', win.start);
  for (let i = win.start; i < win.end; i++) row(i);
  if (outside >= win.end) {
    gap('middle', outside - win.end);
    row(outside);
    gap('bottom', count - outside - 1);
  } else gap('bottom', count - win.end);
  return items;
}
