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
