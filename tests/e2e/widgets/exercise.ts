/**
 * exercise: a wrong answer gets a hint with a direction, never a bare "wrong"; the right answer gets a
 * confirmation with the value. When the exercise's stack (`data-stack`, `data-input`, `data-quantity`,
 * `data-layer`) is a plain chain of convolutions and poolings, the right answer is worked out here with
 * the lecture's recurrences, written out independently of the engine; otherwise the test asks for the
 * answer after two wrong tries and checks that typing it is accepted.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { WidgetInteraction } from './types';

interface Row {
  n: number;
  j: number;
  r: number;
  start: number;
}

/** The lecture's table for "conv|pool k=… s=… p=… d=… [ceil]" layers on a square input, or null. */
export function lectureTable(stack: string, input: number): Row[] | null {
  const rows: Row[] = [{ n: input, j: 1, r: 1, start: 0.5 }];
  for (const part of stack.split('|')) {
    const [op, ...fields] = part.trim().split(/\s+/);
    if (op !== 'conv' && op !== 'pool') return null;
    const values: Record<string, number> = {};
    let ceil = false;
    for (const field of fields) {
      const m = /^([kspd])=(\d+)$/.exec(field);
      if (field === 'ceil') ceil = true;
      else if (m?.[1]) values[m[1]] = Number(m[2]);
      else return null;
    }
    const k0 = values['k'];
    if (k0 === undefined) return null;
    const s = values['s'] ?? (op === 'pool' ? k0 : 1);
    const p = values['p'] ?? 0;
    const k = (values['d'] ?? 1) * (k0 - 1) + 1;
    const prev = rows[rows.length - 1] as Row;
    const span = prev.n + 2 * p - k;
    let n = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
    if (ceil && (n - 1) * s >= prev.n + p) n -= 1;
    rows.push({
      n,
      j: prev.j * s,
      r: prev.r + (k - 1) * prev.j,
      start: prev.start + ((k - 1) / 2 - p) * prev.j,
    });
  }
  return rows;
}

function expectedValue(row: Row, quantity: string): number | null {
  const values: Record<string, number> = {
    rf: row.r,
    jump: row.j,
    stride: row.j,
    size: row.n,
    start: row.start,
    padding: row.r / 2 - row.start,
  };
  return values[quantity] ?? null;
}

async function answer(root: Locator, text: string, how: 'enter' | 'click') {
  const field = root.locator('[data-answer]');
  await field.fill(text);
  if (how === 'enter') await field.press('Enter');
  else await root.locator('[data-check]').click();
}

const numberOf = (text: string | null) => Number((text ?? '').trim().replace(',', '.'));

const interact: WidgetInteraction = async (_page, root) => {
  const stack = (await root.getAttribute('data-stack')) ?? '';
  const input = Number(await root.getAttribute('data-input'));
  const quantity = (await root.getAttribute('data-quantity')) ?? '';
  const layer = Number(await root.getAttribute('data-layer'));
  const row = lectureTable(stack, input)?.[layer];
  let expected = row === undefined ? null : expectedValue(row, quantity);

  const wrong = expected === null ? 98765 : expected + 1;
  await answer(root, String(wrong), 'enter');
  const hint = root.locator('[data-hint]');
  await expect.poll(() => hint.count(), { message: 'a wrong answer shows a hint' }).toBe(1);
  expect(((await hint.textContent()) ?? '').trim().length, 'the hint says more than "wrong"').toBeGreaterThan(
    20,
  );
  expect(await root.locator('[data-direction]').getAttribute('data-direction')).toBe('too-large');

  if (expected === null) {
    await answer(root, String(wrong + 1), 'enter');
    await root.locator('[data-reveal]').click();
    expected = numberOf(await root.locator('[data-revealed] [data-value]').textContent());
  }

  await answer(root, String(expected), 'click');
  const value = root.locator('[data-correct] [data-value]');
  await expect.poll(() => value.count(), { message: 'the right answer is confirmed' }).toBe(1);
  expect(numberOf(await value.textContent())).toBe(expected);
};

export default interact;
