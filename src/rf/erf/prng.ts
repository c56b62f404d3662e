/**
 * Seeded pseudo-random numbers for the ERF simulation: splitmix32 for uniforms and Box–Muller for
 * standard normals. Deterministic for a given seed on every JavaScript engine (32-bit integer
 * arithmetic only, then one double division).
 */

/** A stream of pseudo-random numbers. */
export interface Rng {
  /** Uniform on the open interval (0, 1); 2⁻³² resolution. */
  uniform(): number;
  /** Standard normal N(0, 1) by Box–Muller: √(−2 ln u₁)·cos(2π u₂), the sine half cached. */
  normal(): number;
}

/** splitmix32 step: state += 0x9e3779b9, then a 32-bit avalanche mix; returns an unsigned 32-bit integer. */
export function createSplitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return z >>> 0;
  };
}

/** Seeded uniform (0, 1) = (u32 + 0.5) / 2³² and N(0, 1) by Box–Muller over splitmix32. */
export function createRng(seed: number): Rng {
  const next = createSplitmix32(seed);
  let spare: number | undefined;
  const uniform = (): number => (next() + 0.5) / 4294967296;
  return {
    uniform,
    normal(): number {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const radius = Math.sqrt(-2 * Math.log(uniform()));
      const angle = 2 * Math.PI * uniform();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}

/** Fills `target` with independent N(0, σ²) draws (σ in the units of the target). */
export function fillNormal(rng: Rng, target: Float64Array, sigma: number): void {
  for (let i = 0; i < target.length; i++) target[i] = sigma * rng.normal();
}
