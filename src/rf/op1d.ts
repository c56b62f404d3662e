/**
 * A layer reduced to what it does on ONE axis, after validation and padding resolution. Every
 * recurrence, size rule and window rule of the engine is written once against this shape.
 * Index convention: output unit u of a `window` op reads input units u·s − before + t·d, t = 0…k−1.
 */
import { addExact, mulExact } from './math.ts';

export type Op1D =
  | { kind: 'window'; k: number; s: number; d: number; before: number; after: number; ceil: boolean }
  | { kind: 'transposed'; k: number; s: number; d: number; before: number; after: number; outPad: number }
  | { kind: 'upsample'; f: number; mode: 'nearest' | 'bilinear' }
  /** ONNX Resize on one axis: unit u samples x = (a + b·u)/c (see resample.ts); n is the output size. */
  | {
      kind: 'resample';
      n: number;
      a: number;
      b: number;
      c: number;
      taps: 'round-prefer-floor' | 'round-prefer-ceil' | 'floor' | 'ceil' | 'linear' | 'cubic';
    }
  | { kind: 'shift'; before: number; after: number }
  | { kind: 'identity' }
  | { kind: 'global' };

/** Effective kernel extent: k_eff = d·(k − 1) + 1 (input units spanned by a dilated window). */
export function effectiveKernel(k: number, d: number): number {
  return addExact(mulExact(d, k - 1), 1);
}
