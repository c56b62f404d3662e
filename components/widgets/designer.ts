/**
 * View model of the designer: from an input size and the extent a unit must see, the shallowest stack
 * of each kind the reader allows. Each candidate is grown one block at a time and the ENGINE is asked
 * after every block (analyze for r, S, P; the diagnosis of that analysis for border layers and MACs; its
 * region of the middle unit for holes); nothing here computes a receptive field.
 */
import {
  analyze,
  diagnose,
  formatStack,
  stackToNetwork,
  toNumber,
  type Layer,
  type Network,
} from '../../src/rf';
import { parseWhole } from './parts/number';
import { squareWindow } from './shared/layers';

export type Block = 'conv' | 'stride' | 'pool' | 'dilated' | 'large';
export const BLOCKS: readonly Block[] = ['conv', 'stride', 'pool', 'dilated', 'large'];

/** Channels of every convolution in the cost estimate (the image has 3). */
export const CHANNELS = 64;
export const INPUT_RANGE = { min: 8, max: 2048 } as const;
export const TARGET_RANGE = { min: 2, max: 4096 } as const;
/** Deepest stack tried for one recipe. */
export const MAX_DEPTH = 64;

const conv = (k: number, s: number, p: number, d = 1): Layer => ({
  op: 'conv',
  ...squareWindow({ k, s, p, d }),
  channels: CHANNELS,
});
const CONV3 = conv(3, 1, 1);
const STRIDE = conv(3, 2, 1);
const POOL: Layer = { op: 'pool', kind: 'max', ceil: false, ...squareWindow({ k: 2, s: 2 }) };
const LARGE = conv(7, 1, 3);

export interface Recipe {
  id: 'depth' | 'stride' | 'pool' | 'dilation' | 'gridding' | 'large';
  /** Blocks the recipe needs (all must be picked). */
  needs: Block[];
  /** The i-th layer of the recipe's stack. */
  layer: (i: number) => Layer;
}

/** Dilation rates 1, 2, 4, … (each layer doubles), or the same rate 2 repeated (leaves holes). */
const dilated = (rate: number): Layer => conv(3, 1, rate, rate);

export const RECIPES: readonly Recipe[] = [
  { id: 'depth', needs: ['conv'], layer: () => CONV3 },
  { id: 'stride', needs: ['conv', 'stride'], layer: (i) => (i % 2 === 0 ? CONV3 : STRIDE) },
  { id: 'pool', needs: ['conv', 'pool'], layer: (i) => (i % 2 === 0 ? CONV3 : POOL) },
  { id: 'dilation', needs: ['dilated'], layer: (i) => dilated(2 ** i) },
  { id: 'gridding', needs: ['dilated'], layer: () => dilated(2) },
  { id: 'large', needs: ['large'], layer: () => LARGE },
];

export interface Proposal {
  id: Recipe['id'];
  depth: number;
  layers: Layer[];
  /** The stack in the calculator's grammar. */
  stack: string;
  rf: number;
  stride: string;
  padding: string;
  /** Output map size on one side. */
  size: number;
  border: string[];
  critical: string[];
  /** Convolution multiply-accumulates at CHANNELS channels. */
  macs: number;
  /** The centre unit depends on every pixel of its box (false: dilation left holes). */
  filled: boolean;
}

export type Outcome =
  | { kind: 'found'; proposal: Proposal }
  /** The map vanished or MAX_DEPTH was reached before the RF got to the target. */
  | { kind: 'unreachable'; id: Recipe['id']; best: number };

/** The kit's whole-number parser, as a value or null. */
export function parseBounded(text: string, range: { min: number; max: number }): number | null {
  const parsed = parseWhole(text, range);
  return parsed.ok ? parsed.value : null;
}

const net = (input: number, layers: Layer[]): Network => stackToNetwork({ h: input, w: input }, layers);

/** The stack of one recipe grown until the engine reports r ≥ target (or the map vanishes). */
export function grow(recipe: Recipe, input: number, target: number): Outcome {
  const layers: Layer[] = [];
  let best = 1;
  for (let i = 0; i < MAX_DEPTH; i++) {
    layers.push(recipe.layer(i));
    const network = net(input, layers);
    const analysis = analyze(network);
    const out = analysis.output;
    if (!analysis.ok || out === null) break;
    best = out.rf.w;
    if (out.rf.w < target) continue;
    const d = diagnose(network, { analysis });
    const centre = { h: Math.floor((out.size.h - 1) / 2), w: Math.floor((out.size.w - 1) / 2) };
    return {
      kind: 'found',
      proposal: {
        id: recipe.id,
        depth: layers.length,
        layers: layers.slice(),
        stack: formatStack(layers),
        rf: out.rf.w,
        stride: out.stride === null ? '—' : String(toNumber(out.stride.w)),
        padding: out.padding === null ? '—' : String(toNumber(out.padding.w)),
        size: out.size.w,
        border: d.borderLayers,
        critical: d.criticalLayers,
        macs: d.macs?.total ?? 0,
        filled: analysis.region(out.name, centre).filled,
      },
    };
  }
  return { kind: 'unreachable', id: recipe.id, best };
}

export interface DesignerView {
  outcomes: Outcome[];
  /** Index in `outcomes` of the shallowest found proposal (ties: the cheaper), or -1. */
  shallowest: number;
}

/** Every recipe whose blocks are all picked, grown to the target, in the recipes' order. */
export function design(input: number, target: number, picked: readonly Block[]): DesignerView {
  const outcomes = RECIPES.filter((r) => r.needs.every((b) => picked.includes(b))).map((r) =>
    grow(r, input, target),
  );
  let shallowest = -1;
  outcomes.forEach((o, i) => {
    if (o.kind !== 'found') return;
    const best = outcomes[shallowest];
    if (
      best === undefined ||
      best.kind !== 'found' ||
      o.proposal.depth < best.proposal.depth ||
      (o.proposal.depth === best.proposal.depth && o.proposal.macs < best.proposal.macs)
    )
      shallowest = i;
  });
  return { outcomes, shallowest };
}

/** The calculator's link parameter for a proposal (the calculator's own `in=…;sel=…;net=…` state). */
export function calculatorState(input: number, p: Proposal): string {
  return `in=${input}x${input};sel=${p.depth};net=${p.stack}`;
}

/**
 * The address of the calculator lesson showing a proposal; `lessons` is the lessons folder, relative to
 * this lesson's page by default (an embed page, which lives elsewhere, passes the absolute one).
 */
export function calculatorHref(input: number, p: Proposal, param = 'calc', lessons = '../'): string {
  return `${lessons}05-calculator/?${new URLSearchParams({ [param]: calculatorState(input, p) }).toString()}`;
}

/** The designer's own URL state: input, target and picked blocks. */
export function encodeDesigner(input: number, target: number, picked: readonly Block[]): string {
  return `in=${input};t=${target};b=${picked.join(',')}`;
}

export function decodeDesigner(
  text: string | null,
): { input: number; target: number; picked: Block[] } | null {
  if (text === null) return null;
  const f = new Map(text.split(';').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  const input = parseBounded(f.get('in') ?? '', INPUT_RANGE);
  const target = parseBounded(f.get('t') ?? '', TARGET_RANGE);
  const picked = (f.get('b') ?? '')
    .split(',')
    .filter((b): b is Block => (BLOCKS as readonly string[]).includes(b));
  return input === null || target === null ? null : { input, target, picked };
}
