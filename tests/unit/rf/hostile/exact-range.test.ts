/**
 * Values near and above 2^53: every integer the engine reports is exact, or the layer is refused with a
 * 'too-large' issue naming the limit, and a refusal happens only when some exact quantity really leaves
 * the range. The reference is an independent BigInt computation of the lecture's recurrences.
 * Catches: k_eff = d(k − 1) + 1 and n + p_before + p_after computed in rounded floats (RF …992 instead
 * of …993, n off by one at 2^53 − 1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, formatRatio, stackToNetwork, type Layer } from '../../../../src/rf/index.ts';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const LIMIT_TEXT = '9007199254740991';

interface Conv {
  k: number;
  s: number;
  d: number;
  before: number;
  after: number;
}

/** An integer arbitrary that clusters around the edges: small values, 2^a ± small, 2^53 ± small. */
const edgy = (min: number) =>
  fc
    .oneof(
      fc.integer({ min, max: 6 }),
      fc.tuple(fc.integer({ min: 20, max: 53 }), fc.integer({ min: -3, max: 3 })).map(([a, b]) => 2 ** a + b),
      fc.integer({ min: -3, max: 0 }).map((b) => Number.MAX_SAFE_INTEGER + b),
    )
    .filter((v) => v >= min && Number.isSafeInteger(v));

const convArb = fc.record({ k: edgy(1), s: edgy(1), d: edgy(1), before: edgy(0), after: edgy(0) });

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const abs = (a: bigint) => (a < 0n ? -a : a);

/** The exact chain by the recurrences, and whether any quantity the engine must hold left ±(2^53 − 1). */
function reference(input: number, convs: Conv[]) {
  let n = BigInt(input);
  let j = 1n;
  let lo = 0n;
  let hi = 0n;
  let start2 = 1n; // 2·start, start₀ = ½
  let overflow = false;
  const check = (...xs: bigint[]) => {
    if (xs.some((x) => abs(x) > MAX)) overflow = true;
  };
  for (const c of convs) {
    const [k, s, d, b, a] = [c.k, c.s, c.d, c.before, c.after].map(BigInt) as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    const kEff = d * (k - 1n) + 1n;
    const span = n + b + a - kEff;
    check(kEff, n + b, n + b + a, span, d * (k - 1n), 2n * b, kEff - 1n - 2n * b, (kEff - 1n - 2n * b) * j);
    const out = floorDiv(span, s) + 1n;
    if (out < 1n) return { vanished: true, overflow, rows: null };
    lo = lo - b * j;
    hi = hi + (kEff - 1n - b) * j;
    start2 = start2 + (kEff - 1n - 2n * b) * j;
    check(b * j, (kEff - 1n - b) * j, lo, hi, hi - lo, hi - lo + 1n, j * s, start2);
    j = j * s;
    n = out;
  }
  return { vanished: false, overflow, rows: { n, j, rf: hi - lo + 1n, start2, padding: -lo } };
}

const layer = (c: Conv): Extract<Layer, { op: 'conv' }> => ({
  op: 'conv',
  kernel: { h: 1, w: c.k },
  stride: { h: 1, w: c.s },
  dilation: { h: 1, w: c.d },
  padding: { mode: 'explicit', h: { before: 0, after: 0 }, w: { before: c.before, after: c.after } },
});

describe('integers near 2^53', () => {
  it('every reported n, j, r, start and P is exact, or the layer is refused naming the limit, on 3,000 chains', () => {
    fc.assert(
      fc.property(edgy(1), fc.array(convArb, { minLength: 1, maxLength: 3 }), (input, convs) => {
        const analysis = analyze(stackToNetwork({ h: 1, w: input }, convs.map(layer)));
        const ref = reference(input, convs);
        if (analysis.ok) {
          expect(ref.vanished).toBe(false);
          const out = analysis.output!;
          const rows = ref.rows!;
          expect(BigInt(out.size.w)).toBe(rows.n);
          expect(formatRatio(out.jump.w)).toBe(rows.j.toString());
          expect(BigInt(out.rf.w)).toBe(rows.rf);
          expect(out.start.w.den === 1 ? BigInt(out.start.w.num) * 2n : BigInt(out.start.w.num)).toBe(
            rows.start2,
          );
          expect(BigInt(out.padding?.w.num ?? NaN)).toBe(rows.padding);
          return;
        }
        const codes = analysis.issues.map((i) => i.code);
        if (codes.includes('too-large')) {
          // A refusal is justified: some exact quantity really is out of range, and the message says the limit.
          expect(ref.overflow).toBe(true);
          const issue = analysis.issues.find((i) => i.code === 'too-large')!;
          expect(issue.message).toContain(LIMIT_TEXT);
        } else {
          expect(ref.vanished).toBe(true);
          expect(codes).toContain('vanishing-map');
        }
      }),
      { numRuns: 3000, seed: 53 },
    );
  });

  it('the two reported cases: d = 2^52 (RF 2^53 + 1) and n = 2^53 − 1 with padding 1 are refused, not rounded', () => {
    const wide = analyze(
      stackToNetwork({ h: 5, w: 5 }, [
        { ...layer({ k: 3, s: 1, d: 2 ** 52, before: 0, after: 0 }), padding: { mode: 'tf-same' } },
      ]),
    );
    expect(wide.ok).toBe(false);
    expect(wide.issues[0]?.code).toBe('too-large');
    const tall = analyze(
      stackToNetwork({ h: 1, w: 2 ** 53 - 1 }, [layer({ k: 3, s: 1, d: 1, before: 1, after: 1 })]),
    );
    expect(tall.ok).toBe(false);
    expect(tall.issues[0]?.message).toContain(LIMIT_TEXT);
    // Just inside the range the same layer is exact: n = 2^53 − 3 + 2 − 3 + 1.
    const inside = analyze(
      stackToNetwork({ h: 1, w: 2 ** 53 - 3 }, [layer({ k: 3, s: 1, d: 1, before: 1, after: 1 })]),
    );
    expect(inside.output?.size.w).toBe(2 ** 53 - 3);
  });

  it('an integer field beyond 2^53 − 1 is called too large, with every digit and the limit', () => {
    const big = analyze(
      stackToNetwork({ h: 5, w: 5 }, [layer({ k: 3, s: 2 ** 62, d: 1, before: 0, after: 0 })]),
    );
    const issue = big.issues.find((i) => i.field === 'stride');
    expect(issue?.code).toBe('too-large');
    expect(issue?.message).toContain('4611686018427387904');
    expect(issue?.message).toContain(LIMIT_TEXT);
    expect(issue?.message).not.toContain('must be an integer');
  });
});
