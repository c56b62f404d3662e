/** The virtual table's window arithmetic, with figures worked out by hand for 32-pixel rows. */
import {
  keyStep,
  rowOffsets,
  rowSpan,
  rowWindow,
  scrollToRow,
  windowItems,
} from '../../../components/widgets/virtual-window';

const base = { rowHeight: 32, overscan: 8 };

describe('rowWindow', () => {
  it('shows nothing for an empty list and keeps start ≤ end', () => {
    expect(rowWindow({ ...base, count: 0, scrollTop: 500, viewport: 384 })).toEqual({
      start: 0,
      end: 0,
      before: 0,
      after: 0,
      total: 0,
    });
  });

  it('renders every row of a list shorter than the view', () => {
    expect(rowWindow({ ...base, count: 3, scrollTop: 0, viewport: 384 })).toEqual({
      start: 0,
      end: 3,
      before: 0,
      after: 0,
      total: 96,
    });
  });

  it('at the top: the 384/32 + 1 = 13 visible rows and 8 more below, 20,000 rows in all', () => {
    const w = rowWindow({ ...base, count: 20_000, scrollTop: 0, viewport: 384 });
    expect(w).toEqual({ start: 0, end: 21, before: 0, after: (20_000 - 21) * 32, total: 640_000 });
    expect(w.before + (w.end - w.start) * 32 + w.after).toBe(w.total);
  });

  it('in the middle: row ⌊10,000/32⌋ = 312 is the first visible, 8 rows kept above it', () => {
    const w = rowWindow({ ...base, count: 20_000, scrollTop: 10_000, viewport: 384 });
    expect(w.start).toBe(304);
    expect(w.end).toBe(312 + 13 + 8);
    expect(w.before).toBe(304 * 32);
    expect(w.before + (w.end - w.start) * 32 + w.after).toBe(640_000);
  });

  it('at (and past) the end: the last row is rendered and no spacer follows it', () => {
    const end = rowWindow({ ...base, count: 20_000, scrollTop: 640_000 - 384, viewport: 384 });
    expect(end.end).toBe(20_000);
    expect(end.after).toBe(0);
    // A scroll offset beyond the end (a stale value after the model changed) is clamped.
    expect(rowWindow({ ...base, count: 20_000, scrollTop: 9e9, viewport: 384 })).toEqual(end);
  });

  it('before layout (no viewport yet) shows the fallback number of rows', () => {
    const w = rowWindow({ ...base, count: 1000, scrollTop: 0, viewport: 0, fallbackRows: 40 });
    expect([w.start, w.end]).toEqual([0, 48]);
  });

  it('never renders more than the view plus twice the overscan, however long the list', () => {
    for (const top of [0, 1, 31, 32, 33, 1e6, 3.2e6 - 384]) {
      const w = rowWindow({ ...base, count: 100_000, scrollTop: top, viewport: 384 });
      expect(w.end - w.start).toBeLessThanOrEqual(13 + 16);
      expect(w.before + (w.end - w.start) * 32 + w.after).toBe(3_200_000);
    }
  });
});

describe('scrollToRow', () => {
  it('leaves a visible row where it is and scrolls the least to reveal one above or below', () => {
    expect(scrollToRow(5, 32, 0, 384)).toBe(0);
    // Row 20 spans 640…672: the view must end at 672, so it starts at 672 − 384 = 288.
    expect(scrollToRow(20, 32, 0, 384)).toBe(288);
    // Row 2 (64…96) above a view starting at 500: the view starts at 64.
    expect(scrollToRow(2, 32, 500, 384)).toBe(64);
  });
});

describe('keyStep', () => {
  it('moves by one, by a page (one row of overlap) and to the ends, clamped', () => {
    expect(keyStep('ArrowDown', 0, 10, 12)).toBe(1);
    expect(keyStep('ArrowUp', 0, 10, 12)).toBe(0);
    expect(keyStep('PageDown', 0, 100, 12)).toBe(11);
    expect(keyStep('PageUp', 50, 100, 12)).toBe(39);
    expect(keyStep('End', 3, 100, 12)).toBe(99);
    expect(keyStep('Home', 3, 100, 12)).toBe(0);
    expect(keyStep('a', 3, 100, 12)).toBeNull();
    expect(keyStep('ArrowDown', 0, 0, 12)).toBeNull();
  });
});

describe('windowItems', () => {
  // Rows 100…119 of 1,000 in the page, 32 px each.
  const win = { start: 100, end: 120, before: 3200, after: 880 * 32, total: 32_000 };
  const shape = (items: ReturnType<typeof windowItems>) =>
    items.map((item) => (item.kind === 'row' ? item.index : `${item.key}:${item.height}`));

  it('is the window between its two spacers when the kept row is inside it or there is none', () => {
    const plain = shape(windowItems(win, -1, 1000, 32));
    expect(plain).toEqual([
      'top:3200',
      ...Array.from({ length: 20 }, (_, i) => 100 + i),
      `bottom:${880 * 32}`,
    ]);
    expect(shape(windowItems(win, 110, 1000, 32))).toEqual(plain);
  });

  it('keeps a row above the window in its place: 10 rows, the row, 89 rows, then the window', () => {
    const items = shape(windowItems(win, 10, 1000, 32));
    expect(items.slice(0, 3)).toEqual(['top:320', 10, 'middle:2848']);
    expect(items[3]).toBe(100);
    expect(items.at(-1)).toBe(`bottom:${880 * 32}`);
  });

  it('keeps a row below the window in its place, and the heights still add up to the whole list', () => {
    const items = windowItems(win, 999, 1000, 32);
    expect(shape(items).slice(-2)).toEqual([`middle:${879 * 32}`, 999]);
    const height = items.reduce((sum, item) => sum + (item.kind === 'row' ? 32 : item.height), 0);
    expect(height).toBe(32_000);
    // Right after the window: no spacer between.
    expect(shape(windowItems(win, 120, 1000, 32)).slice(-3)).toEqual([119, 120, `bottom:${879 * 32}`]);
  });
});

describe('rows of their own heights', () => {
  // Heights 100, 50, 50, 200, 100: tops 0, 100, 150, 200, 400 and 500 in all.
  const offsets = rowOffsets([100, 50, 50, 200, 100]);

  it('rowOffsets adds the heights up: the top of each row, then the height of all rows', () => {
    expect(offsets).toEqual([0, 100, 150, 200, 400, 500]);
    expect(rowSpan(offsets, 1, 4)).toBe(300);
    expect(rowSpan(32, 1, 4)).toBe(96);
  });

  it('draws the rows that cross the view: 120…270 crosses rows 1, 2 and 3, one more each side', () => {
    const w = rowWindow({ count: 5, rowHeight: 32, offsets, scrollTop: 120, viewport: 150, overscan: 1 });
    expect(w).toEqual({ start: 0, end: 5, before: 0, after: 0, total: 500 });
    const tight = rowWindow({ count: 5, rowHeight: 32, offsets, scrollTop: 120, viewport: 150, overscan: 0 });
    expect(tight).toEqual({ start: 1, end: 4, before: 100, after: 100, total: 500 });
  });

  it('a view that ends exactly at the top of a row leaves that row out; past the end it shows the last rows', () => {
    // 0…150 covers rows 0 and 1 (row 2 starts at 150).
    const top = rowWindow({ count: 5, rowHeight: 32, offsets, scrollTop: 0, viewport: 150, overscan: 0 });
    expect([top.start, top.end]).toEqual([0, 2]);
    const end = rowWindow({ count: 5, rowHeight: 32, offsets, scrollTop: 9e9, viewport: 150, overscan: 0 });
    expect([end.start, end.end, end.after]).toEqual([3, 5, 0]);
  });

  it('before layout shows the fallback rows; offsets of the wrong length fall back to the one height', () => {
    const w = rowWindow({
      count: 5,
      rowHeight: 32,
      offsets,
      scrollTop: 0,
      viewport: 0,
      overscan: 1,
      fallbackRows: 2,
    });
    expect([w.start, w.end, w.before, w.after]).toEqual([0, 3, 0, 300]);
    const wrong = rowWindow({
      count: 5,
      rowHeight: 32,
      offsets: [0, 1],
      scrollTop: 0,
      viewport: 64,
      overscan: 0,
    });
    expect(wrong.total).toBe(160);
  });

  it('keeps several rows outside the window, each in its place, with spacers that add up to the list', () => {
    const win = { start: 2, end: 3, before: 150, after: 300, total: 500 };
    const items = windowItems(win, [4, 0, -1, 4], 5, offsets);
    expect(items.map((i) => (i.kind === 'row' ? i.index : `${i.key}:${i.height}`))).toEqual([
      0,
      'middle:50',
      2,
      'middle-2:200',
      4,
    ]);
    expect(scrollToRow(3, offsets, 0, 150)).toBe(250);
    expect(scrollToRow(1, offsets, 300, 150)).toBe(100);
  });
});
