import { fireEvent, render } from '@testing-library/svelte';
import LayerTable from '../../components/widgets/LayerTable.svelte';
import { formatAxes, rowFlags } from '../../components/widgets/layer-table';
import { analyze, stackToNetwork, type Layer } from '../../src/rf';

const conv = (k: number, s: number, p: number, kw = k): Layer => ({
  op: 'conv',
  kernel: { h: k, w: kw },
  stride: { h: s, w: s },
  dilation: { h: 1, w: 1 },
  padding: { mode: 'explicit', h: { before: p, after: p }, w: { before: p, after: p } },
});

// The lecture's example: n = 5, two 3×3 convolutions with stride 2 and padding 1. By hand:
// n 5 → 3 → 2, j 1 → 2 → 4, r 1 → 3 → 7, start 0.5 → 0.5 → 0.5, P = r/2 − start = 0 → 1 → 3.
const lecture = analyze(stackToNetwork({ h: 5, w: 5 }, [conv(3, 2, 1), conv(3, 2, 1)]));

const cells = (row: Element | null) =>
  Object.fromEntries(
    [...(row?.querySelectorAll('td[data-col]') ?? [])].map((td) => [
      td.getAttribute('data-col'),
      td.textContent,
    ]),
  );

describe('LayerTable', () => {
  it('shows n, j, r, start, S and P of every layer, the input first', () => {
    const { container } = render(LayerTable, { analysis: lecture, locale: 'en' });
    const rows = container.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(3);
    expect(cells(rows[0] ?? null)).toEqual({ n: '5', j: '1', r: '1', start: '0.5', S: '1', P: '0' });
    expect(cells(rows[1] ?? null)).toEqual({ n: '3', j: '2', r: '3', start: '0.5', S: '2', P: '1' });
    expect(cells(rows[2] ?? null)).toEqual({ n: '2', j: '4', r: '7', start: '0.5', S: '4', P: '3' });
  });

  it('writes "h × w" when the axes differ (a 1×7 kernel on a 9×9 input)', () => {
    // Height: k = 1 → n = 9, r = 1. Width: k = 7, no padding → n = 3, r = 7, start = 3.5.
    const analysis = analyze(stackToNetwork({ h: 9, w: 9 }, [conv(1, 1, 0, 7)]));
    const { container } = render(LayerTable, { analysis, locale: 'en' });
    const last = container.querySelectorAll('tbody tr')[1] ?? null;
    expect(cells(last)).toMatchObject({ n: '9 × 3', r: '1 × 7', start: '0.5 × 3.5', j: '1' });
  });

  it('marks the selected row and reports clicks and arrow keys through onselect', async () => {
    const picked: string[] = [];
    const { container } = render(LayerTable, {
      analysis: lecture,
      selected: 'conv1',
      onselect: (name: string) => picked.push(name),
      locale: 'en',
    });
    const selected = container.querySelector('tr[data-selected="true"]');
    expect(selected?.getAttribute('data-row')).toBe('conv1');
    const button = selected?.querySelector('button') as HTMLButtonElement;
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelectorAll('tbody button[tabindex="0"]')).toHaveLength(1);
    await fireEvent.keyDown(button, { key: 'ArrowDown' });
    await fireEvent.keyDown(button, { key: 'Home' });
    const last = container.querySelector('tr[data-row="conv2"] button') as HTMLButtonElement;
    await fireEvent.click(last);
    expect(picked).toEqual(['conv2', 'input', 'conv2']);
  });

  it('flags a global layer and explains the flag in a legend', () => {
    const analysis = analyze(
      stackToNetwork({ h: 8, w: 8 }, [conv(3, 1, 1), { op: 'global', kind: 'global-pool' }]),
    );
    const { container } = render(LayerTable, { analysis, locale: 'en' });
    const flag = container.querySelector('tr[data-row="gap1"] [data-flag="global"]');
    expect(flag).not.toBeNull();
    const described = container.querySelector(`[id="${flag?.getAttribute('aria-describedby') ?? ''}"]`);
    expect(described?.textContent).toMatch(/whole input/);
    // A global layer sees the whole 8-pixel input.
    expect(cells(container.querySelector('tr[data-row="gap1"]')).r).toBe('8');
  });

  it('puts the table in a keyboard-scrollable region with a name', () => {
    const { container } = render(LayerTable, { analysis: lecture, locale: 'ru' });
    const region = container.querySelector('[role="region"]');
    expect(region?.getAttribute('tabindex')).toBe('0');
    expect(region?.getAttribute('aria-label')).toBe('Рецептивные поля по слоям');
  });
});

describe('layer-table view model', () => {
  it('formatAxes shows one value when the axes agree', () => {
    expect(formatAxes({ h: 3, w: 3 }, String)).toBe('3');
    expect(formatAxes({ h: 3, w: 5 }, String)).toBe('3 × 5');
  });

  it('rowFlags leaves an ordinary layer unflagged', () => {
    expect(rowFlags(lecture.layers[2]!)).toEqual([]);
  });
});
