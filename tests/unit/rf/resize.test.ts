/**
 * Resize at any scale (the engine's `resize` layer): every unit's dependency set against two
 * references that apply the ONNX sampling formulas on their own — a brute-force set oracle built on
 * `onnx-resize-spec.ts`, and gradient probes of the network actually run (probe/tensor-net.ts).
 */
import { describe, expect, it } from 'vitest';
import { analyze, traceUnit, unitRegion } from '../../../src/rf/index.ts';
import type { Network, ResizeLayer } from '../../../src/rf/types.ts';
import { resizeTaps } from './onnx-resize-spec.ts';
import { probeUnit } from './probe/probe.ts';
import { buildTensorNet } from './probe/tensor-net.ts';

const COORDS: ResizeLayer['coordinate'][] = [
  'half_pixel',
  'pytorch_half_pixel',
  'align_corners',
  'asymmetric',
  'tf_half_pixel_for_nn',
];
const NEAREST: NonNullable<ResizeLayer['nearest']>[] = [
  'round_prefer_floor',
  'round_prefer_ceil',
  'floor',
  'ceil',
];

/** conv k×1 (valid) on n px, then the resize on rows only. */
function net(n: number, k: number, layer: ResizeLayer): Network {
  return {
    input: { h: n, w: 1 },
    nodes: [
      {
        name: 'conv',
        inputs: ['input'],
        layer: {
          op: 'conv',
          kernel: { h: k, w: 1 },
          stride: { h: 1, w: 1 },
          dilation: { h: 1, w: 1 },
          padding: { mode: 'valid' },
        },
      },
      { name: 'up', inputs: ['conv'], layer },
    ],
  };
}

function layers(): ResizeLayer[] {
  const out: ResizeLayer[] = [];
  for (const coordinate of COORDS) {
    for (const nearest of NEAREST)
      out.push({ op: 'resize', size: { h: 0, w: 1 }, coordinate, mode: 'nearest', nearest });
    out.push({ op: 'resize', size: { h: 0, w: 1 }, coordinate, mode: 'linear' });
    out.push({ op: 'resize', size: { h: 0, w: 1 }, coordinate, mode: 'cubic' });
  }
  return out;
}

describe('resize: every unit against the ONNX formulas (brute force)', () => {
  it(
    'all coordinate modes × kernels, conv outputs of 1…7 units resized to 1…13 (and given scales)',
    { timeout: 120_000 },
    () => {
      const problems: string[] = [];
      let checked = 0;
      for (const base of layers())
        for (let nConv = 1; nConv <= 7; nConv++)
          for (let nOut = 1; nOut <= 13; nOut++)
            for (const withScale of [false, true]) {
              const k = 1 + ((nConv + nOut) % 3);
              // With scales, the formula uses the given scale (here (nOut + 1)/nConv, so it differs from nOut/nConv).
              const layer: ResizeLayer = {
                ...base,
                size: { h: nOut, w: 1 },
                ...(withScale ? { scale: { h: { num: nOut + 1, den: nConv }, w: { num: 1, den: 1 } } } : {}),
              };
              const network = net(nConv + k - 1, k, layer);
              const analysis = analyze(network);
              const up = analysis.layers.find((l) => l.name === 'up');
              const tag = `${layer.coordinate}/${layer.mode}/${layer.nearest ?? ''} ${nConv}→${nOut}${withScale ? ' (scale)' : ''}`;
              if (!analysis.ok || !up) {
                problems.push(`${tag}: ${analysis.issues.map((i) => i.message).join('; ')}`);
                continue;
              }
              let rf = 0;
              for (let u = 0; u < nOut; u++) {
                const taps = resizeTaps(layer, 'h', u, nConv);
                // Conv unit i reads pixels i … i + k − 1 (valid): clipped from the clamped index, unclipped from the raw one.
                const clipped = new Set<number>();
                for (const t of taps) for (let q = 0; q < k; q++) clipped.add(t.index + q);
                const rawLo = Math.min(...taps.map((t) => t.raw));
                const rawHi = Math.max(...taps.map((t) => t.raw)) + k - 1;
                rf = Math.max(rf, rawHi - rawLo + 1);
                const trace = traceUnit(network, 'up', { h: u, w: 0 });
                const got = new Set<number>();
                for (const iv of trace.nodes['input']?.h ?? [])
                  for (let p = iv.lo; p <= iv.hi; p++) got.add(p);
                const want = [...clipped].sort((a, b) => a - b).join(',');
                const have = [...got].sort((a, b) => a - b).join(',');
                if (want !== have) problems.push(`${tag} unit ${u}: engine reads ${have}, ONNX ${want}`);
                const region = unitRegion(network, 'up', { h: u, w: 0 });
                if (region.unclipped.h?.lo !== rawLo || region.unclipped.h?.hi !== rawHi)
                  problems.push(
                    `${tag} unit ${u}: unclipped ${JSON.stringify(region.unclipped.h)}, ONNX [${rawLo}, ${rawHi}]`,
                  );
                checked++;
              }
              if (up.size.h !== nOut) problems.push(`${tag}: size ${up.size.h}`);
              if (up.rf.h !== rf) problems.push(`${tag}: r ${up.rf.h}, ONNX max extent ${rf}`);
            }
      expect(problems.slice(0, 10)).toEqual([]);
      expect(checked).toBeGreaterThan(10_000);
    },
  );

  it('a non-integer factor has a fractional, non-uniform stride (6 → 9 half-pixel: S = 2/3)', () => {
    const network = net(8, 3, {
      op: 'resize',
      size: { h: 9, w: 1 },
      coordinate: 'half_pixel',
      mode: 'linear',
    });
    const up = analyze(network).layers.find((l) => l.name === 'up')!;
    expect(up.stride?.h).toEqual({ num: 2, den: 3 });
    expect(up.uniform.h).toBe(false);
  });
});

describe('resize: gradient probes of the network actually run', () => {
  const cases: [string, ResizeLayer, number][] = [
    [
      'bilinear 5 → 7, half_pixel',
      { op: 'resize', size: { h: 7, w: 8 }, coordinate: 'half_pixel', mode: 'linear' },
      7,
    ],
    [
      'bicubic 6 → 4 (shrinking), align_corners',
      { op: 'resize', size: { h: 4, w: 9 }, coordinate: 'align_corners', mode: 'cubic' },
      8,
    ],
    [
      'nearest 7 → 10, asymmetric, round_prefer_ceil',
      {
        op: 'resize',
        size: { h: 10, w: 5 },
        coordinate: 'asymmetric',
        mode: 'nearest',
        nearest: 'round_prefer_ceil',
      },
      9,
    ],
    [
      'nearest 3 → 8, tf_half_pixel_for_nn, floor, scale 2.8',
      {
        op: 'resize',
        size: { h: 8, w: 8 },
        coordinate: 'tf_half_pixel_for_nn',
        mode: 'nearest',
        nearest: 'floor',
        scale: { h: { num: 14, den: 5 }, w: { num: 14, den: 5 } },
      },
      5,
    ],
  ];
  it.each(cases)('%s: every unit of every node', (_name, layer, n) => {
    const network: Network = {
      input: { h: n, w: n },
      nodes: [
        {
          name: 'conv',
          inputs: ['input'],
          layer: {
            op: 'conv',
            kernel: { h: 3, w: 2 },
            stride: { h: 1, w: 1 },
            dilation: { h: 1, w: 1 },
            padding: { mode: 'valid' },
          },
        },
        { name: 'up', inputs: ['conv'], layer },
        {
          name: 'head',
          inputs: ['up'],
          layer: {
            op: 'conv',
            kernel: { h: 2, w: 2 },
            stride: { h: 2, w: 1 },
            dilation: { h: 1, w: 1 },
            padding: { mode: 'valid' },
          },
        },
      ],
    };
    const tn = buildTensorNet(network);
    const problems: string[] = [];
    for (const node of tn.order.slice(1))
      for (let h = 0; h < node.h; h++)
        for (let w = 0; w < node.w; w++) {
          const r = probeUnit(network, tn, node.name, { h, w });
          problems.push(...r.problems, ...r.overReport.map((o) => o.message));
        }
    expect(problems).toEqual([]);
  });
});
