import { RatioOverflow } from './ratio.ts';

/** ⌊a / b⌋ for integers, b > 0 (JavaScript's % truncates toward zero, so negative a needs care). */
export function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  // Float division can round across an integer for large operands; one correction step restores ⌊⌋.
  if (q * b > a) q -= 1;
  else if ((q + 1) * b <= a) q += 1;
  return q;
}

/** ⌈a / b⌉ for integers, b > 0. */
export function ceilDiv(a: number, b: number): number {
  return -floorDiv(-a, b);
}

/** a mod b in [0, b) for b > 0. */
export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Greatest common divisor of two non-negative integers. */
export function gcdInt(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return Math.abs(a);
}

/** Least common multiple of two positive integers. */
export function lcmInt(a: number, b: number): number {
  return (a / gcdInt(a, b)) * b;
}

/**
 * The largest integer the engine computes: 2^53 − 1 = 9,007,199,254,740,991 (Number.MAX_SAFE_INTEGER).
 * Every size, offset and RF the engine reports is exact up to it; beyond it a layer is refused as too large.
 */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** n itself when it is a safe integer, else RatioOverflow (the analysis turns it into a too-large issue). */
export function exact(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RatioOverflow();
  return n;
}

/**
 * a + b for safe integers, exact or RatioOverflow. One rounded float operation on safe operands lands on
 * an unsafe value whenever the true result is unsafe, so checking every step keeps chains exact.
 */
export function addExact(a: number, b: number): number {
  return exact(a + b);
}

/** a − b for safe integers, exact or RatioOverflow. */
export function subExact(a: number, b: number): number {
  return exact(a - b);
}

/** a · b for safe integers, exact or RatioOverflow. */
export function mulExact(a: number, b: number): number {
  return exact(a * b);
}
