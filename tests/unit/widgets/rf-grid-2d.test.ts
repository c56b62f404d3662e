/**
 * The 2-D grid's drawing geometry: the kernel windows between neighbouring maps, the padding cells they
 * cover, the picked unit's own links, and where those land in pixels. Every expected value is worked
 * out by hand from the layer arithmetic (unit u of a layer with kernel k, stride s, padding p, dilation
 * d reads cells s·u − p + d·t, t = 0…k − 1, of the map below; a map with ring p is drawn with its
 * real cell i at padded position i + p).
 */
import {
  cellCentre,
  frustumEdges,
  gridAnalysis,
  gridView,
  rectBox,
  type GridLayerSpec,
} from '../../../components/widgets/rf-grid-2d';

const rect = (h0: number, h1: number, w0: number, w1: number) => ({
  h: { lo: h0, hi: h1 },
  w: { lo: w0, hi: w1 },
});

// The lesson's default: 9×9 → conv 3×3 s1 p1 → 9×9 → conv 3×3 s2 p1 → 5×5 → conv 3×3 s1 p1 → 5×5.
const lesson: GridLayerSpec[] = [
  { k: 3, s: 1, p: 1 },
  { k: 3, s: 2, p: 1 },
  { k: 3, s: 1, p: 1 },
];

describe('gridView: kernel windows, layer by layer', () => {
  const analysis = gridAnalysis(9, lesson);

  it('the centre unit of the last map reads a 3×3 window, then 7×7, then the whole 9×9 input', () => {
    const view = gridView(analysis, lesson, { map: 3, row: 2, col: 2 });
    // Layer 3 unit 2 reads map-2 cells 1…3 (padded 2…4); map-2 units 1…3 read 2·1 − 1 … 2·3 + 1 = 1…7
    // of map 1 (padded 2…8); map-1 units 1…7 read 0…8 of the input (padded 1…9). The last map has no ring.
    expect(view.windows).toEqual([
      { upper: 3, lower: 2, from: rect(2, 2, 2, 2), to: rect(2, 4, 2, 4), step: 0 },
      { upper: 2, lower: 1, from: rect(2, 4, 2, 4), to: rect(2, 8, 2, 8), step: 1 },
      { upper: 1, lower: 0, from: rect(2, 8, 2, 8), to: rect(1, 9, 1, 9), step: 2 },
    ]);
    expect(view.maps.map((m) => m.padCells)).toEqual([0, 0, 0, 0]);
    expect(view.maps.map((m) => m.step)).toEqual([3, 2, 1, 0]);
    expect(view.maps[0]?.span).toEqual({ rows: { lo: 0, hi: 8 }, cols: { lo: 0, hi: 8 } });
  });

  it('draws one link from the picked unit to each of the k × k cells of its own window', () => {
    const view = gridView(analysis, lesson, { map: 3, row: 2, col: 2 });
    expect(view.links?.upper).toBe(3);
    expect(view.links?.lower).toBe(2);
    expect(view.links?.from).toEqual({ row: 2, col: 2 });
    const expected = [2, 3, 4].flatMap((row) => [2, 3, 4].map((col) => ({ row, col })));
    expect(view.links?.to).toEqual(expected);
  });

  it('a corner unit: its windows reach into the padding ring of every earlier map', () => {
    const view = gridView(analysis, lesson, { map: 3, row: 0, col: 0 });
    // Map 2: real −1…1 → padded 0…2, 3·3 − 2·2 = 5 padding cells.
    // Map 1: map-2 units 0…1 read −1…3 → padded 0…4, 5·5 − 4·4 = 9 padding cells.
    // Input: map-1 units 0…3 read −1…4 → padded 0…5, 6·6 − 5·5 = 11 padding cells.
    expect(view.windows.map((w) => w.to)).toEqual([rect(0, 2, 0, 2), rect(0, 4, 0, 4), rect(0, 5, 0, 5)]);
    expect(view.maps.map((m) => m.padCells)).toEqual([11, 9, 5, 0]);
    expect(view.maps[0]?.span).toEqual({ rows: { lo: 0, hi: 4 }, cols: { lo: 0, hi: 4 } });
    expect(view.links?.to).toHaveLength(9);
  });

  it('a unit of a middle map: maps above it take no part', () => {
    // Layer 2 (s 2) unit (4, 0) reads map-1 rows 7…9 and columns −1…1: padded 8…10 and 0…2; 3 of the
    // 9 cells are padding (column −1), and row 9 is padding too: 3 + 2 = 5.
    const view = gridView(analysis, lesson, { map: 2, row: 4, col: 0 });
    expect(view.maps.map((m) => m.step)).toEqual([2, 1, 0, null]);
    expect(view.windows[0]).toEqual({
      upper: 2,
      lower: 1,
      from: rect(5, 5, 1, 1),
      to: rect(8, 10, 0, 2),
      step: 0,
    });
    expect(view.maps[1]?.padCells).toBe(5);
    expect(view.maps[1]?.span).toEqual({ rows: { lo: 7, hi: 8 }, cols: { lo: 0, hi: 1 } });
    expect(view.maps[3]?.cells).toEqual([]);
  });

  it('a dilated window reads every second cell: 9 links to a spread-out 3×3, padding included', () => {
    // 7×7 → conv 3×3 d2 p2 → 7×7 (7 + 4 − 5 + 1). Unit (3, 3) reads 1, 3, 5 per axis → padded 3, 5, 7.
    const specs: GridLayerSpec[] = [{ k: 3, p: 2, d: 2 }];
    const analysis = gridAnalysis(7, specs);
    const centre = gridView(analysis, specs, { map: 1, row: 3, col: 3 });
    expect(centre.links?.to).toEqual([3, 5, 7].flatMap((row) => [3, 5, 7].map((col) => ({ row, col }))));
    expect(centre.windows[0]?.to).toEqual(rect(3, 7, 3, 7));
    // Unit (0, 0) reads −2, 0, 2 per axis: of its 9 cells only (0|2) × (0|2) are real, so 5 are padding.
    const corner = gridView(analysis, specs, { map: 1, row: 0, col: 0 });
    expect(corner.maps[0]?.padCells).toBe(5);
    expect(corner.windows[0]?.to).toEqual(rect(0, 4, 0, 4));
  });

  it('a 2×2 max pooling with stride 2 and no padding reads a 2×2 block and draws no ring', () => {
    const specs: GridLayerSpec[] = [{ k: 2, s: 2, pool: true }];
    const view = gridView(gridAnalysis(6, specs), specs, { map: 1, row: 1, col: 2 });
    expect(view.maps[0]?.ring).toBe(0);
    expect(view.windows).toEqual([
      { upper: 1, lower: 0, from: rect(1, 1, 2, 2), to: rect(2, 3, 4, 5), step: 0 },
    ]);
    expect(view.maps[0]?.padCells).toBe(0);
  });

  it('the input selected: nothing to draw below it', () => {
    const view = gridView(analysis, lesson, { map: 0, row: 4, col: 4 });
    expect(view.windows).toEqual([]);
    expect(view.links).toBeNull();
  });
});

describe('pixel geometry of a placed grid', () => {
  // 5 cells of 10 px with 2 px gaps: width 5·10 + 4·2 = 58, pitch 12.
  const grid = { x: 10, y: 20, width: 58, side: 5, gap: 2 };

  it('rectBox spans from the first cell start to the last cell end', () => {
    expect(rectBox(grid, rect(1, 2, 3, 4))).toEqual({ x: 46, y: 32, w: 22, h: 22 });
    expect(rectBox(grid, rect(0, 4, 0, 4))).toEqual({ x: 10, y: 20, w: 58, h: 58 });
  });

  it('cellCentre is the middle of one cell', () => {
    expect(cellCentre(grid, { row: 0, col: 0 })).toEqual({ x: 15, y: 25 });
    expect(cellCentre(grid, { row: 4, col: 2 })).toEqual({ x: 39, y: 73 });
  });

  it('frustumEdges join the facing edges of the two boxes', () => {
    const from = { x: 100, y: 10, w: 20, h: 20 };
    const to = { x: 0, y: 0, w: 50, h: 40 };
    // Lower map to the left: the left edge of `from` to the right edge of `to`.
    expect(frustumEdges(from, to, true)).toEqual([
      { x1: 100, y1: 10, x2: 50, y2: 0 },
      { x1: 100, y1: 30, x2: 50, y2: 40 },
    ]);
    // Lower map above: the top edge of `from` to the bottom edge of `to`.
    const below = { x: 10, y: 100, w: 20, h: 20 };
    expect(frustumEdges(below, { x: 0, y: 0, w: 40, h: 50 }, false)).toEqual([
      { x1: 10, y1: 100, x2: 0, y2: 50 },
      { x1: 30, y1: 100, x2: 40, y2: 50 },
    ]);
  });
});
