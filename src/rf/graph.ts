/**
 * Graph structure: names, references and a topological order (Kahn's algorithm, ties broken by the
 * order nodes were given in, so chains keep their order). Problems are returned as issues.
 */
import { INPUT, type GraphNode } from './types.ts';
import { error, show, type RfIssue } from './issues.ts';

export interface SortedGraph {
  /** Nodes that can be evaluated, in topological order (excluding the input). */
  order: GraphNode[];
  /** Every usable node's name and a distinct number below `position.size` (its place in the given order). */
  position: Map<string, number>;
  issues: RfIssue[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Checks names and references and sorts the nodes; nodes on cycles or with bad references are left out.
 * The order holds copies of the nodes (a caller's object is read once), unless `copy` is false: for
 * a caller that hands over plain nodes of its own making (10^6-node graphs, where copies add up).
 */
export function topologicalOrder(nodes: unknown, copy = true): SortedGraph {
  const issues: RfIssue[] = [];
  if (!Array.isArray(nodes)) {
    issues.push(
      error('bad-layer', INPUT, 'nodes', null, `the network's nodes must be a list (got ${show(nodes)}).`),
    );
    return { order: [], position: new Map(), issues };
  }
  // Each usable node's position in the given order.
  const index = new Map<string, number>();
  const usable: GraphNode[] = [];
  nodes.forEach((raw: unknown, position) => {
    const label = isRecord(raw) && typeof raw['name'] === 'string' ? raw['name'] : `#${position}`;
    if (!isRecord(raw) || typeof raw['name'] !== 'string' || raw['name'] === '') {
      issues.push(error('bad-layer', label, 'name', null, `node ${position} needs a non-empty string name.`));
      return;
    }
    const inputs = raw['inputs'];
    if (!Array.isArray(inputs) || !inputs.every((x) => typeof x === 'string')) {
      issues.push(
        error(
          'bad-layer',
          label,
          'inputs',
          null,
          `inputs must be a list of node names (got ${show(inputs)}).`,
        ),
      );
      return;
    }
    if (raw['name'] === INPUT || index.has(raw['name'])) {
      issues.push(
        error('duplicate-name', label, 'name', null, `the name "${label}" is used more than once.`),
      );
      return;
    }
    const node: GraphNode = copy
      ? { name: raw['name'], layer: raw['layer'] as GraphNode['layer'], inputs: inputs as string[] }
      : (raw as unknown as GraphNode);
    index.set(node.name, usable.length);
    usable.push(node);
  });
  for (const node of usable)
    for (const input of node.inputs)
      if (input !== INPUT && !index.has(input))
        issues.push(
          error('dangling-input', node.name, 'inputs', null, `input "${input}" does not name any node.`),
        );

  // Index arrays rather than per-name maps and sets: on graphs of 10^6 nodes they cost seconds and
  // hundreds of megabytes.
  const count = usable.length;
  const indegree = new Int32Array(count);
  const edges: number[] = []; // (dependency, consumer) pairs, each distinct pair once
  usable.forEach((node, i) => {
    const inputs = node.inputs;
    // An input read twice is one dependency (a set only for long input lists, as Concat may have).
    const seen = inputs.length > 16 ? new Set<string>() : null;
    for (let k = 0; k < inputs.length; k++) {
      const name = inputs[k]!;
      const dep = index.get(name);
      if (dep === undefined || (seen ? seen.has(name) : inputs.indexOf(name) < k)) continue;
      seen?.add(name);
      indegree[i]!++;
      edges.push(dep, i);
    }
  });
  // Consumers of each node in compressed rows, in the given order of the consumers.
  const first = new Int32Array(count + 1);
  for (let e = 0; e < edges.length; e += 2) first[edges[e]! + 1]!++;
  for (let i = 0; i < count; i++) first[i + 1]! += first[i]!;
  const consumers = new Int32Array(edges.length / 2);
  const fill = first.slice(0, count);
  for (let e = 0; e < edges.length; e += 2) consumers[fill[edges[e]!]!++] = edges[e + 1]!;
  edges.length = 0;
  // Ready nodes in a min-heap of positions: the earliest given node goes first, so chains keep their order.
  const ready = new MinHeap(count);
  for (let i = 0; i < count; i++) if (indegree[i] === 0) ready.push(i);
  const order: GraphNode[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(usable[i]!);
    for (let c = first[i]!; c < first[i + 1]!; c++)
      if (--indegree[consumers[c]!]! === 0) ready.push(consumers[c]!);
  }
  usable.forEach((node, i) => {
    if (indegree[i]! > 0)
      issues.push(
        error(
          'cycle',
          node.name,
          'inputs',
          null,
          `the node is on a cycle or depends on one, so it has no topological position.`,
        ),
      );
  });
  return { order, position: index, issues };
}

/** A binary min-heap of integers below a fixed capacity. */
class MinHeap {
  readonly #items: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.#items = new Int32Array(Math.max(capacity, 1));
  }

  push(value: number): void {
    const a = this.#items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= value) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = value;
  }

  pop(): number {
    const a = this.#items;
    const top = a[0]!;
    const last = a[--this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && a[child + 1]! < a[child]!) child++;
      if (a[child]! >= last) break;
      a[i] = a[child]!;
      i = child;
    }
    a[i] = last;
    return top;
  }
}
