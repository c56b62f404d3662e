import { fireEvent, render, waitFor } from '@testing-library/svelte';
import ErfFigureGrid from '../../components/widgets/ErfFigureGrid.svelte';
import { GRID_CELLS, GRID_SIDE, gridProgress } from '../../components/widgets/erf-figure-grid';
import { ERF_FIGURE1_GRID } from '../../src/rf/erf/workloads';
import { createFakeErfWorker, installFakeCanvas, type FakeErfWorker } from './erf-fake-worker';

describe('ERF figure grid view model', () => {
  it("uses the engine's Figure-1 workload, cell by cell", () => {
    expect(GRID_CELLS.map((c) => c.config)).toEqual(ERF_FIGURE1_GRID.map((w) => w.config));
    expect(GRID_SIDE).toBe(81);
  });

  it('measures progress over all cells', () => {
    expect(gridProgress(0, 0, 16)).toBe(0);
    expect(gridProgress(6, 8, 16)).toBeCloseTo(6.5 / 12, 12);
    expect(gridProgress(12, 0, 1)).toBe(1);
    expect(gridProgress(3, 5, 0)).toBeCloseTo(3 / 12, 12);
  });
});

describe('ErfFigureGrid', () => {
  let worker: FakeErfWorker;
  beforeEach(() => {
    installFakeCanvas();
    worker = createFakeErfWorker();
  });

  it('runs the twelve cells one after another and reports the uniform sizes', async () => {
    const { container } = render(ErfFigureGrid, { locale: 'en', createWorker: () => worker });
    const root = container.querySelector('[data-widget="erf-figure-grid"]') as HTMLElement;
    await waitFor(() => expect(root.dataset.status).toBe('done'), { timeout: 20000 });
    const sizes = [...container.querySelectorAll('[data-luo-size]')].map((el) =>
      Number(el.getAttribute('data-luo-size')),
    );
    expect(sizes).toHaveLength(12);
    // Uniform column (every third cell): ERF grows like √n — doubling from n = 10 to n = 40.
    const uniform = [0, 3, 6, 9].map((i) => sizes[i] ?? 0);
    const [n5 = 0, n10 = 0, , n40 = 0] = uniform;
    expect(n5).toBeCloseTo(8.31, 2);
    expect(n40 / n10).toBeCloseTo(2, 0);
    expect(container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('100');
    expect(worker.sent.filter((m) => m.type === 'call')).toHaveLength(12);
  }, 30000);

  it('stops on cancel and marks the unfinished cells', async () => {
    worker.hold = true;
    const { container, getByText } = render(ErfFigureGrid, { locale: 'en', createWorker: () => worker });
    const root = container.querySelector('[data-widget="erf-figure-grid"]') as HTMLElement;
    await waitFor(() =>
      expect(
        container.querySelector('[data-cell="0"] [data-luo-size]')?.getAttribute('data-luo-size'),
      ).not.toBe(''),
    );
    await fireEvent.click(getByText('Cancel'));
    worker.release();
    await new Promise((r) => setTimeout(r, 30));
    expect(root.dataset.status).toBe('cancelled');
    expect(container.querySelectorAll('[data-cell-status="cancelled"]').length).toBeGreaterThan(10);
    const progress = container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow');
    await new Promise((r) => setTimeout(r, 30));
    expect(container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe(progress);
    await fireEvent.click(getByText('Run again'));
    expect(root.dataset.status).toBe('running');
  });
});
