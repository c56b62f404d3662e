/**
 * A tiny exact rational number: jump, start, effective stride and padding can be fractional
 * (transposed convolution, upsampling), and a wrong digit is the worst bug this site can ship.
 * Always normalised: gcd(num, den) = 1 and den > 0. Both parts stay safe integers; an operation whose
 * exact result would not fit throws `RatioOverflow`, which the analysis turns into a 'too-large' issue.
 */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/**
 * Thrown when an exact result exceeds Number.MAX_SAFE_INTEGER, or when exact work would exceed one of the
 * engine's caps (`reason` then says which); caught inside the engine and reported as a 'too-large' issue.
 */
export class RatioOverflow extends Error {
  readonly reason: string | null;
  constructor(reason: string | null = null) {
    super(reason ?? 'value too large to represent exactly');
    this.reason = reason;
  }
}

/** Below this magnitude a product of two parts is still a safe integer, so plain numbers are exact. */
const SMALL = 2 ** 26;

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function bigGcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function fromBig(num: bigint, den: bigint): Ratio {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = bigGcd(num, den) || 1n;
  num /= g;
  den /= g;
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (num > max || -num > max || den > max) throw new RatioOverflow();
  return { num: Number(num), den: Number(den) };
}

/** The exact ratio num/den (den ≠ 0), normalised; throws RatioOverflow for parts that are not safe integers. */
export function ratio(num: number, den = 1): Ratio {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den === 0) throw new RatioOverflow();
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den) || 1;
  return { num: num / g + 0, den: den / g };
}

const small = (x: Ratio): boolean => Math.abs(x.num) < SMALL && x.den < SMALL;

/** a + b, exact. */
export function ratioAdd(a: Ratio, b: Ratio): Ratio {
  if (a.den === 1 && b.den === 1) return ratio(checked(a.num + b.num));
  if (small(a) && small(b)) return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
  return fromBig(
    BigInt(a.num) * BigInt(b.den) + BigInt(b.num) * BigInt(a.den),
    BigInt(a.den) * BigInt(b.den),
  );
}

/** a − b, exact. */
export function ratioSub(a: Ratio, b: Ratio): Ratio {
  return ratioAdd(a, { num: -b.num, den: b.den });
}

/** a · b, exact. */
export function ratioMul(a: Ratio, b: Ratio): Ratio {
  if (small(a) && small(b)) return ratio(a.num * b.num, a.den * b.den);
  return fromBig(BigInt(a.num) * BigInt(b.num), BigInt(a.den) * BigInt(b.den));
}

/** a / b (b ≠ 0), exact. */
export function ratioDiv(a: Ratio, b: Ratio): Ratio {
  if (b.num === 0) throw new RatioOverflow();
  return ratioMul(a, { num: b.den, den: b.num });
}

/** True when a = b (normalised parts make this a field comparison). */
export function ratioEquals(a: Ratio, b: Ratio): boolean {
  return a.num === b.num && a.den === b.den;
}

/** Sign of a − b: −1, 0 or 1. */
export function ratioCompare(a: Ratio, b: Ratio): number {
  return Math.sign(ratioSub(a, b).num);
}

/** ⌊a⌋ as an integer. */
export function ratioFloor(a: Ratio): number {
  if (small(a)) return Math.floor(a.num / a.den);
  // Float division may round a quotient just below an integer up to it; integers are exact.
  const n = BigInt(a.num);
  const d = BigInt(a.den);
  const q = n / d;
  return Number(n < 0n && q * d !== n ? q - 1n : q);
}

/** ⌈a⌉ as an integer. */
export function ratioCeil(a: Ratio): number {
  return -ratioFloor({ num: -a.num, den: a.den }) + 0;
}

/** True when a is an integer. */
export function isIntegerRatio(a: Ratio): boolean {
  return a.den === 1;
}

/** The nearest JS number (exact when den is 1 or a power of two within range). */
export function toNumber(a: Ratio): number {
  return a.num / a.den;
}

/**
 * Display form: a decimal when den divides a power of 10 ("0.5", "-1.25", "3"), else "num/den" ("1/3", "-7/6").
 */
export function formatRatio(a: Ratio): string {
  let d = a.den;
  let twos = 0;
  let fives = 0;
  while (d % 2 === 0) {
    d /= 2;
    twos++;
  }
  while (d % 5 === 0) {
    d /= 5;
    fives++;
  }
  if (d !== 1) return `${a.num}/${a.den}`;
  const digits = Math.max(twos, fives);
  if (digits === 0) return String(a.num);
  // Scale to an integer over 10^digits and place the point by string surgery: exact, no float rounding.
  const scaled = BigInt(a.num) * (10n ** BigInt(digits) / BigInt(a.den));
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const text = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`.replace(/\.?0+$/, '');
  return neg ? `-${text}` : text;
}

/** Exact machine form in lowest terms: "n" for integers, else "num/den" ("1/3", "-7/6"); never a decimal. */
export function ratioString(a: Ratio): string {
  return a.den === 1 ? String(a.num) : `${a.num}/${a.den}`;
}

function checked(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RatioOverflow();
  return n;
}

/** Common constants. */
export const ZERO: Ratio = { num: 0, den: 1 };
export const ONE: Ratio = { num: 1, den: 1 };
export const HALF: Ratio = { num: 1, den: 2 };
