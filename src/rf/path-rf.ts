/**
 * Shortest- and longest-path receptive fields (Richter et al., "Receptive Field Analysis", ICMLA 2021,
 * and their rfa_toolbox): every input→node path is a chain, and a chain's RF is the classic
 * r = 1 + Σ (k_eff − 1)·j. A node's minRf / maxRf are the smallest / largest such chain RF over all of
 * its local paths (paths through a global layer are left out, as the toolbox's filter_all_inf_rf does).
 * Each path is carried as the engine's exact track, so transposed convolution and upsampling are exact.
 */
import type { Axes } from './types.ts';
import { AXES, perAxis } from './axes.ts';
import type { Evaluation, NodeState } from './evaluate.ts';
import { summarizeTracks } from './summary.ts';
import { trackThrough, type Track } from './tracks.ts';

export interface PathRf {
  name: string;
  /** RF along the shortest input→node path, per axis, input pixels (the input size for global nodes). */
  minRf: Axes<number>;
  /** RF along the longest input→node path, per axis (for aligned merges equal to the union's r). */
  maxRf: Axes<number>;
  /** The node is after a global layer: every unit sees the whole input. */
  global: boolean;
}

/** Distinct classes of paths kept per node and axis before giving up (Inception-v4 needs < 100). */
const MAX_CLASSES = 4096;

const extent = (t: Track): number => {
  const lo = t.lo[0];
  return lo === null || lo === undefined ? 0 : (t.hi[0] ?? lo) - lo + 1;
};
const key = (t: Track): string =>
  `${t.jump.num}/${t.jump.den}:${t.start.num}/${t.start.den}:${t.period}:${t.lo.join()}:${t.hi.join()}`;

/**
 * Keeps one track per distinct path class. Period-1 tracks with the same jump grow identically
 * downstream (every later bound is lo or hi plus a term fixed by the jump and the ops), so only the
 * narrowest and the widest of them can ever be a node's shortest or longest path.
 */
function prune(tracks: Track[]): Track[] {
  const periodic = new Map<string, Track>();
  const narrow = new Map<string, Track>();
  const wide = new Map<string, Track>();
  for (const t of tracks) {
    if (t.period !== 1) {
      periodic.set(key(t), t);
      continue;
    }
    if (t.lo[0] === null) continue; // a path that reads nothing has no RF
    const j = `${t.jump.num}/${t.jump.den}`;
    const a = narrow.get(j);
    if (a === undefined || extent(t) < extent(a)) narrow.set(j, t);
    const b = wide.get(j);
    if (b === undefined || extent(t) > extent(b)) wide.set(j, t);
  }
  const out = [...new Set([...narrow.values(), ...wide.values()]), ...periodic.values()];
  if (out.length > MAX_CLASSES) throw new RangeError('too many distinct paths');
  return out;
}

/** Shortest- and longest-path RF of every evaluated node, in the evaluation's (topological) order. */
export function pathRfs(evaluation: Evaluation): PathRf[] {
  const classes = new Map<string, Axes<Track[]>>();
  const out: PathRf[] = [];
  for (const state of evaluation.states) {
    const input = evaluation.states[0] as NodeState;
    if (state === input) {
      classes.set(
        state.name,
        perAxis(() => state.tracks.h.slice(0, 1)),
      );
      out.push({ name: state.name, minRf: { h: 1, w: 1 }, maxRf: { h: 1, w: 1 }, global: false });
      continue;
    }
    if (state.global) {
      out.push({ name: state.name, minRf: rfOf(state), maxRf: rfOf(state), global: true });
      continue;
    }
    const ops = state.ops;
    const sources = state.inputs.map((n) => classes.get(n)).filter((c) => c !== undefined);
    const mine = perAxis((axis) => {
      const list: Track[] = [];
      for (const c of sources)
        for (const t of c[axis]) list.push(ops === null ? t : trackThrough(t, ops[axis]));
      return prune(list);
    });
    classes.set(state.name, mine);
    const sizes = (axis: (typeof AXES)[number]) =>
      mine[axis].map((t) => summarizeTracks([t], state.size[axis]).rf).filter((r) => r > 0);
    // A node none of whose paths reads an input pixel has RF 0 on that axis, as analyze reports it.
    const minRf = perAxis((axis) => {
      const r = sizes(axis);
      return r.length === 0 ? 0 : Math.min(...r);
    });
    const maxRf = perAxis((axis) => Math.max(0, ...sizes(axis)));
    out.push({ name: state.name, minRf, maxRf, global: false });
  }
  return out;
}

const rfOf = (state: NodeState): Axes<number> => ({ h: state.summary.h.rf, w: state.summary.w.rf });
