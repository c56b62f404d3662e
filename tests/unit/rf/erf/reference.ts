/**
 * Test-only reference: the ERF of one draw by a plain full-size forward and backward pass (no cone,
 * every unit of every layer computed), consuming the seeded stream in the same order as the engine:
 * random weights layer by layer, then (for nonlinear networks) the input over the centre unit's cone.
 */
import {
  createRng,
  networkGeometry,
  resolveErfConfig,
  type ErfConfig,
  type ResolvedErfConfig,
} from '../../../../src/rf/erf/index';

interface Tensor {
  c: number;
  h: number;
  w: number;
  data: Float64Array;
}

const tensor = (c: number, h: number, w: number): Tensor => ({ c, h, w, data: new Float64Array(c * h * w) });

function layerShape(config: ResolvedErfConfig, l: number, size: number, valid: boolean) {
  const s = config.stride[l] as number;
  const d = config.dilation[l] as number;
  const span = d * (config.kernel - 1);
  const pad = valid ? 0 : Math.floor(span / 2);
  const out = valid ? Math.floor((size - span - 1) / s) + 1 : Math.floor((size - 1) / s) + 1;
  return { s, d, pad, out, skip: Math.floor(span / 2) - pad };
}

/** Full-network |g| (or g²) map of the first draw, averaged over input channels. */
export function referenceFirstDraw(input: ErfConfig): { map: Float64Array; width: number; height: number } {
  const check = resolveErfConfig(input);
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  const config = check.config;
  const geometry = networkGeometry(config);
  const { kernel: k, channels: C, layers: n } = config;
  const rng = createRng(config.seed);
  const sigma = Math.sqrt((config.activation === 'relu' ? 2 : 1) / (C * k * k));
  const weights = Array.from({ length: n }, () => {
    const w = new Float64Array(C * C * k * k);
    for (let i = 0; i < w.length; i++)
      w[i] = config.weights === 'uniform' ? 1 / (C * k * k) : sigma * rng.normal();
    return w;
  });
  const H = geometry.h.inputSize;
  const W = geometry.w.inputSize;
  const valid = config.inputSize === 'auto';
  const x0 = tensor(C, H, W);
  const junk = createRng(12345);
  for (let i = 0; i < x0.data.length; i++) x0.data[i] = 5 * junk.normal();
  if (config.activation !== 'none') {
    const ch = geometry.h.cones[0]!;
    const cw = geometry.w.cones[0]!;
    for (let c = 0; c < C; c++)
      for (let y = ch.lo; y <= ch.hi; y++)
        for (let x = cw.lo; x <= cw.hi; x++) x0.data[(c * H + y) * W + x] = rng.normal();
  }
  const act = (v: number) =>
    config.activation === 'relu' ? Math.max(0, v) : config.activation === 'tanh' ? Math.tanh(v) : v;
  const dact = (v: number) =>
    config.activation === 'relu' ? (v > 0 ? 1 : 0) : config.activation === 'tanh' ? 1 - Math.tanh(v) ** 2 : 1;
  const acts: Tensor[] = [x0];
  const pre: Tensor[] = [];
  for (let l = 0; l < n; l++) {
    const a = acts[l]!;
    const sh = layerShape(config, l, a.h, valid);
    const sw = layerShape(config, l, a.w, valid);
    const z = tensor(C, sh.out, sw.out);
    const out = tensor(C, sh.out, sw.out);
    for (let co = 0; co < C; co++)
      for (let oy = 0; oy < sh.out; oy++)
        for (let ox = 0; ox < sw.out; ox++) {
          let acc = 0;
          for (let ci = 0; ci < C; ci++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const iy = oy * sh.s - sh.pad + ky * sh.d;
                const ix = ox * sw.s - sw.pad + kx * sw.d;
                if (iy < 0 || iy >= a.h || ix < 0 || ix >= a.w) continue;
                acc += weights[l]![((co * C + ci) * k + ky) * k + kx]! * a.data[(ci * a.h + iy) * a.w + ix]!;
              }
          const j = (co * sh.out + oy) * sw.out + ox;
          z.data[j] = acc;
          let v = l === n - 1 ? acc : act(acc);
          if (config.residual) v += a.data[(co * a.h + oy * sh.s + sh.skip) * a.w + ox * sw.s + sw.skip]!;
          out.data[j] = v;
        }
    pre.push(z);
    acts.push(out);
  }
  const last = acts[n]!;
  let g = tensor(C, last.h, last.w);
  g.data[Math.floor(last.h / 2) * last.w + Math.floor(last.w / 2)] = 1;
  for (let l = n - 1; l >= 0; l--) {
    const a = acts[l]!;
    const sh = layerShape(config, l, a.h, valid);
    const sw = layerShape(config, l, a.w, valid);
    const prev = tensor(C, a.h, a.w);
    for (let co = 0; co < C; co++)
      for (let oy = 0; oy < sh.out; oy++)
        for (let ox = 0; ox < sw.out; ox++) {
          const j = (co * sh.out + oy) * sw.out + ox;
          const go = g.data[j]!;
          if (go === 0) continue;
          if (config.residual) prev.data[(co * a.h + oy * sh.s + sh.skip) * a.w + ox * sw.s + sw.skip]! += go;
          const gz = l === n - 1 ? go : go * dact(pre[l]!.data[j]!);
          for (let ci = 0; ci < C; ci++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const iy = oy * sh.s - sh.pad + ky * sh.d;
                const ix = ox * sw.s - sw.pad + kx * sw.d;
                if (iy < 0 || iy >= a.h || ix < 0 || ix >= a.w) continue;
                prev.data[(ci * a.h + iy) * a.w + ix]! +=
                  weights[l]![((co * C + ci) * k + ky) * k + kx]! * gz;
              }
        }
    g = prev;
  }
  const map = new Float64Array(H * W);
  for (let c = 0; c < C; c++)
    for (let i = 0; i < H * W; i++) {
      const v = g.data[c * H * W + i]!;
      map[i]! += (config.averaging === 'square' ? v * v : Math.abs(v)) / C;
    }
  return { map, width: W, height: H };
}

/** Exact n-fold convolution of a dilated box of k ones, by repeated polynomial multiplication. */
export function boxPower(k: number, n: number, dilation = 1): number[] {
  let poly = [1];
  const box = new Array<number>(dilation * (k - 1) + 1).fill(0);
  for (let t = 0; t < k; t++) box[t * dilation] = 1;
  for (let i = 0; i < n; i++) {
    const next = new Array<number>(poly.length + box.length - 1).fill(0);
    for (let a = 0; a < poly.length; a++)
      for (let b = 0; b < box.length; b++) next[a + b]! += poly[a]! * box[b]!;
    poly = next;
  }
  return poly;
}
