/**
 * The ONNX report's compact rows: the columns read back exactly what was put in, a node is found by
 * name or part of a name, and a long chart keeps its ends, its largest r and the selection.
 */
import { analyze, type Layer } from '../../../src/rf';
import { chartLayers } from '../../../components/widgets/onnx-report';
import {
  buildRows,
  chartIndexes,
  chartRowsWith,
  findRow,
  indexOfName,
  textAt,
  textColumn,
  type ReportRows,
} from '../../../components/widgets/onnx-rows';

function rowsOf(names: string[]): ReportRows {
  const empty = textColumn(names.map(() => ''));
  const n = names.length;
  return {
    count: n,
    name: textColumn(names),
    op: empty,
    cells: { n: empty, j: empty, r: empty, start: empty, S: empty, P: empty },
    flags: new Uint8Array(n),
    rfH: new Float64Array(n),
    rfW: new Float64Array(n),
    depth: new Uint32Array(n),
    flagsInUse: [],
    misaligned: [],
    globalContext: [],
    chart: new Uint32Array(),
  };
}

describe('textColumn', () => {
  it('reads back every string, empty ones and non-ASCII ones included', () => {
    const values = ['input', '', 'conv/1', 'свёртка', '__proto__'];
    const column = textColumn(values);
    expect(values.map((_, i) => textAt(column, i))).toEqual(values);
    expect(textAt(column, -1)).toBe('');
    expect(textAt(column, 5)).toBe('');
  });
});

describe('indexOfName', () => {
  it('finds a whole name only: not one spanning two names of the joined text, nor part of one', () => {
    // Catches: a match of the joined text taken for a name ("ab" + "c" read as "abc", the "b" of
    // "ab" read as "b"), and a lost empty name.
    const rows = rowsOf(['ab', 'c', 'abc', 'b', '', 'x', 'x']);
    expect(indexOfName(rows, 'abc')).toBe(2);
    expect(indexOfName(rows, 'b')).toBe(3);
    expect(indexOfName(rows, 'c')).toBe(1);
    expect(indexOfName(rows, 'ab')).toBe(0);
    expect(indexOfName(rows, '')).toBe(4);
    expect(indexOfName(rows, 'bc')).toBe(-1);
    expect(indexOfName(rows, 'cab')).toBe(-1);
    // Two rows of one name: the last, as a name-to-row map would answer.
    expect(indexOfName(rows, 'x')).toBe(6);
    expect(indexOfName(rowsOf([]), 'x')).toBe(-1);
  });
});

describe('findRow', () => {
  const rows = rowsOf(['input', 'conv', 'r0', 'r1', 'r10', 'block/Relu', '__proto__']);

  it('finds an exact name first, then names containing the text (any case), wrapping round', () => {
    expect(findRow(rows, 'r1')).toBe(3);
    expect(findRow(rows, 'RELU')).toBe(5);
    expect(indexOfName(rows, '__proto__')).toBe(6);
    expect(indexOfName(rows, 'toString')).toBe(-1);
    // "r1" again, after row 3: the next name containing it is r10; after that it wraps to r1.
    expect(findRow(rows, 'r1', 3)).toBe(4);
    expect(findRow(rows, 'r1', 4)).toBe(3);
  });

  it('does not match across two names of the joined text', () => {
    // "convr0" exists only as "conv" + "r0" side by side.
    expect(findRow(rows, 'convr0')).toBe(-1);
    expect(findRow(rows, '   ')).toBe(-1);
  });
});

describe('chartIndexes', () => {
  it('keeps every row of a short model', () => {
    const rows = rowsOf(['input', 'a', 'b']);
    expect(chartIndexes(rows, 600)).toEqual([0, 1, 2]);
  });

  it('reduces 100,000 rows to about the budget, keeping the ends, the largest r and the selection', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `r${i}`);
    const rows = rowsOf(names);
    for (let i = 0; i < rows.count; i++) rows.rfH[i] = rows.rfW[i] = i === 0 ? 1 : 3;
    rows.rfH[77_777] = 99;
    const picked = chartIndexes(rows, 600, 12_345);
    expect(picked.length).toBeLessThanOrEqual(602);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(99_999);
    expect(picked).toContain(77_777);
    expect(picked).toContain(12_345);
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
  });

  it('adds the selection to the rows chosen in the worker, as chartIndexes does when told to keep it', () => {
    const rows = rowsOf(Array.from({ length: 50_000 }, (_, i) => `r${i}`));
    for (let i = 0; i < rows.count; i++) rows.rfH[i] = rows.rfW[i] = 1 + (i % 7);
    rows.chart = Uint32Array.from(chartIndexes(rows, 200));
    expect(chartRowsWith(rows, 12_345)).toEqual(chartIndexes(rows, 200, 12_345));
    expect(chartRowsWith(rows, 12_345)).toContain(12_345);
    // A row already drawn, or none selected: the worker's rows as they are.
    expect(chartRowsWith(rows, 0)).toEqual([...rows.chart]);
    expect(chartRowsWith(rows, -1)).toEqual([...rows.chart]);
  });
});

describe('depth', () => {
  const conv = (k: number): Layer => ({
    op: 'conv',
    kernel: { h: k, w: k },
    stride: { h: 1, w: 1 },
    dilation: { h: 1, w: 1 },
    padding: { mode: 'explicit', h: { before: 0, after: 0 }, w: { before: 0, after: 0 } },
  });

  it('is the longest path from the input, and the growth chart plots by it', () => {
    // input → a1 (3×3) → a2 (3×3) → sum; input → b (5×5) → sum: on a 9×9 input both branches
    // give 5×5 maps. Depths: input 0, a1 1, a2 2, b 1, sum 1 + max(2, 1) = 3.
    const analysis = analyze({
      input: { h: 9, w: 9 },
      nodes: [
        { name: 'a1', layer: conv(3), inputs: ['input'] },
        { name: 'a2', layer: conv(3), inputs: ['a1'] },
        { name: 'b', layer: conv(5), inputs: ['input'] },
        { name: 'sum', layer: { op: 'add' }, inputs: ['a2', 'b'] },
      ],
    });
    expect(analysis.ok).toBe(true);
    const rows = buildRows(analysis);
    const depthOf = (name: string) => rows.depth[indexOfName(rows, name)];
    expect(['input', 'a1', 'a2', 'b', 'sum'].map(depthOf)).toEqual([0, 1, 2, 1, 3]);
    const chart = chartLayers(rows, -1);
    expect(chart.find((p) => p.name === 'b')?.index).toBe(1);
    expect(chart.find((p) => p.name === 'sum')?.index).toBe(3);
  });
});
