/**
 * onnx-report: a two-layer ONNX file built here (input 5×5, two 3×3 convolutions with stride 2 and
 * padding 1) is fed to the drop zone's file input; the report shows r = 7, S = 4, P = 3 at the last
 * node, as worked out by hand. Then a few random bytes: a clear message next to the drop zone, no NaN.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { WidgetInteraction } from './types';
import { GraphBuilder } from '../../unit/rf/onnx/onnx-builder';

function lectureModel(): Buffer {
  const b = new GraphBuilder();
  const c1 = b.conv('x', 'conv1', 3, { s: 2, pads: [1, 1, 1, 1], cout: 4 });
  const r = b.node('Relu', [c1], {}, 'relu1');
  const c2 = b.conv(r, 'conv2', 3, { s: 2, pads: [1, 1, 1, 1], cin: 4, cout: 4 });
  return Buffer.from(b.build({ inputShape: [1, 3, 5, 5], output: c2 }));
}

async function cell(root: Locator, row: string, col: string): Promise<string> {
  return ((await root.locator(`tr[data-row="${row}"] td[data-col="${col}"]`).textContent()) ?? '').trim();
}

const interact: WidgetInteraction = async (page, root) => {
  const input = root.locator('[data-file-input]');
  await input.setInputFiles({
    name: 'two-convs.onnx',
    mimeType: 'application/octet-stream',
    buffer: lectureModel(),
  });

  // conv1: n = 3, r = 3, S = 2, P = 1; conv2: n = 2, r = 3 + 2·2 = 7, S = 4, P = 7/2 − 1/2 = 3.
  await expect
    .poll(() => root.locator('[data-at]').getAttribute('data-at'), { timeout: 15_000 })
    .toBe('conv2');
  expect(await cell(root, 'conv1', 'r')).toBe('3');
  expect(await cell(root, 'conv2', 'n')).toBe('2');
  expect(await cell(root, 'conv2', 'r')).toBe('7');
  expect(await cell(root, 'conv2', 'S')).toBe('4');
  expect(await cell(root, 'conv2', 'P')).toBe('3');
  expect(await root.locator('[data-at] [data-value="r"]').textContent()).toBe('7');
  expect(await root.locator('[data-at] [data-value="S"]').textContent()).toBe('4');
  expect(await root.locator('[data-at] [data-value="P"]').textContent()).toBe('3');
  expect(((await root.locator('tr[data-row="conv2"] td.op').textContent()) ?? '').trim()).toBe('Conv');

  // Picking the first layer is kept in the address (the file itself is not).
  await root.locator('[data-node-select]').selectOption('conv1');
  await expect.poll(() => new URL(page.url()).searchParams.get('onnx')).toBe('at=conv1');

  // A few random bytes: a message next to the drop zone, the old report gone, no NaN anywhere.
  const junk = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256));
  await input.setInputFiles({ name: 'random.onnx', mimeType: 'application/octet-stream', buffer: junk });
  const error = root.locator('[data-import-error]');
  await expect.poll(() => error.count(), { timeout: 15_000 }).toBe(1);
  const text = (await error.textContent()) ?? '';
  expect(text).toContain('random.onnx');
  expect(text.trim().length).toBeGreaterThan(20);
  expect(await input.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
  expect(await root.locator('[data-report]').count()).toBe(0);
  expect((await root.textContent()) ?? '').not.toMatch(/NaN/);
};

export default interact;
