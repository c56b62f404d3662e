/**
 * The ONNX report photograph's questions, answered by the worker that analysed the network: the
 * page evaluates nothing. Each node's row comes with the report; a unit's region is asked of the
 * worker once and kept (reactive: a view that read a region still on its way redraws when it comes).
 *
 *   const regions = new WorkerRegions(result.layers, result.ok, (node, unit) => importer.region(…));
 *   regions.region('conv2', { h: 0, w: 1 }); // null until the worker answers, then the region
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Axes, LayerResult, UnitRegion } from '../../src/rf';
import type { RegionSource } from './rf-on-image';

/** Regions kept per report (the oldest answers are dropped first beyond this). */
const KEPT = 256;

export class WorkerRegions implements RegionSource {
  readonly ok: boolean;
  readonly #rows: Map<string, LayerResult>;
  readonly #ask: (node: string, unit: Axes<number>) => Promise<UnitRegion>;
  readonly #answers = new SvelteMap<string, UnitRegion>();
  /** Questions sent (answered or not): each is asked once. Bookkeeping, not state a view reads. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #asked = new Set<string>();

  constructor(
    layers: readonly LayerResult[],
    ok: boolean,
    ask: (node: string, unit: Axes<number>) => Promise<UnitRegion>,
  ) {
    this.ok = ok;
    // Read only, never changed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#rows = new Map(layers.map((l) => [l.name, l]));
    this.#ask = ask;
  }

  layer(name: string): LayerResult | null {
    return this.#rows.get(name) ?? null;
  }

  /** The region of `unit` of `node`, or null while the worker has not answered (or could not). */
  region(node: string, unit: Axes<number>): UnitRegion | null {
    const key = `${unit.h},${unit.w}|${node}`;
    const found = this.#answers.get(key);
    if (found !== undefined || this.#asked.has(key)) return found ?? null;
    this.#asked.add(key);
    this.#ask(node, { h: unit.h, w: unit.w }).then(
      (region) => {
        if (this.#answers.size >= KEPT) {
          const oldest = this.#answers.keys().next();
          if (oldest.done !== true) {
            this.#answers.delete(oldest.value);
            this.#asked.delete(oldest.value);
          }
        }
        this.#answers.set(key, region);
      },
      // A worker that is gone (a newer file replaced the network) leaves the question unanswered.
      () => this.#asked.delete(key),
    );
    return null;
  }
}
