import type { Axes } from './types.ts';

/** The two spatial axes in display order (h first). */
export const AXES = ['h', 'w'] as const;
export type Axis = (typeof AXES)[number];

/** Applies a per-axis recurrence once to both axes: perAxis(f) = { h: f('h'), w: f('w') }. */
export function perAxis<T>(f: (axis: Axis) => T): Axes<T> {
  return { h: f('h'), w: f('w') };
}

/** Maps every axis value through f. */
export function mapAxes<A, B>(a: Axes<A>, f: (value: A, axis: Axis) => B): Axes<B> {
  return { h: f(a.h, 'h'), w: f(a.w, 'w') };
}

/** The same value on both axes. */
export function both<T>(value: T): Axes<T> {
  return { h: value, w: value };
}
