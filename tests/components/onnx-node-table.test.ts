/**
 * The ONNX report's virtual table with a real import (a convolution and 2,000 Relu nodes, through
 * the importer's own worker job): the keyboard focus stays on its row when the reader scrolls that
 * row far out of the rendered window, instead of falling back to the page.
 */
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import OnnxNodeTable from '../../components/widgets/OnnxNodeTable.svelte';
import { createOnnxImporter } from '../../src/workers/onnx-client';
import { importJob, ONNX_SERVE } from '../../src/workers/onnx-job';
import { inProcessWorker } from '../unit/workers/in-process-worker';
import { reluChain } from '../../scripts/onnx-chain';

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const N = 2000;

async function chainRows() {
  const importer = createOnnxImporter(() => inProcessWorker(importJob, ONNX_SERVE));
  const result = await importer.import(new File([reluChain(N)], 'chain.onnx'));
  return result.rows;
}

/** Scrolls the table's box to `top` pixels (jsdom has no layout: the offset is set, then the event sent). */
async function scrollTo(scroller: HTMLElement, top: number) {
  Object.defineProperty(scroller, 'scrollTop', { value: top, configurable: true, writable: true });
  await fireEvent.scroll(scroller);
  await tick();
}

describe('OnnxNodeTable', () => {
  it('keeps the focused row, and the focus, while the list scrolls far past it and back', async () => {
    const rows = await chainRows();
    expect(rows.count).toBe(N + 2);
    const { container } = render(OnnxNodeTable, { rows, selected: 1, locale: 'en' });
    const scroller = container.querySelector<HTMLElement>('[data-scroll]')!;
    const button = container.querySelector<HTMLButtonElement>('tr[data-row="conv"] button')!;
    button.focus();
    expect(document.activeElement).toBe(button);

    // 1,000 rows down (32 px each): the window is around r997, far from the convolution's row.
    await scrollTo(scroller, 1000 * 32);
    await waitFor(() => expect(container.querySelector('tr[data-row="r997"]')).not.toBeNull());
    expect(container.querySelector('tr[data-row="r100"]')).toBeNull();
    // The focused row is still in the page, in its place (its row number and a spacer before it)…
    const kept = container.querySelector('tr[data-row="conv"]');
    expect(kept).not.toBeNull();
    expect(kept?.getAttribute('aria-rowindex')).toBe('3');
    expect(kept?.nextElementSibling?.classList.contains('spacer')).toBe(true);
    // …and it still has the focus: the page did not lose it to the body.
    expect(document.activeElement).toBe(button);
    expect(document.activeElement?.closest('tr')?.getAttribute('data-row')).toBe('conv');
    // The heights still add up to the whole list.
    const heights = [...container.querySelectorAll<HTMLElement>('tbody tr')].reduce(
      (sum, tr) => sum + parseFloat(tr.style.height),
      0,
    );
    expect(heights).toBe((N + 2) * 32);

    // Back to the top: one row for the convolution again, the focus where it was.
    await scrollTo(scroller, 0);
    expect(container.querySelectorAll('tr[data-row="conv"]')).toHaveLength(1);
    expect(document.activeElement).toBe(button);

    // Once the focus leaves the table the row is no longer kept.
    button.blur();
    await scrollTo(scroller, 1000 * 32);
    await waitFor(() => expect(container.querySelector('tr[data-row="conv"]')).toBeNull());
  });
});
