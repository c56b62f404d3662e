/**
 * Graph structure: names, references and a topological order (Kahn's algorithm, ties broken by the
 * order nodes were given in, so chains keep their order). Problems are returned as issues.
 */
import { INPUT, type GraphNode } from './types.ts';
import { error, show, type RfIssue } from './issues.ts';

export interface SortedGraph {
  /** Nodes that can be evaluated, in topological order (excluding the input). */
  order: GraphNode[];
  issues: RfIssue[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Checks names and references and sorts the nodes; nodes on cycles or with bad references are left out. */
export function topologicalOrder(nodes: unknown): SortedGraph {
  const issues: RfIssue[] = [];
  if (!Array.isArray(nodes)) {
    issues.push(
      error('bad-layer', INPUT, 'nodes', null, `the network's nodes must be a list (got ${show(nodes)}).`),
    );
    return { order: [], issues };
  }
  const byName = new Map<string, GraphNode>();
  const usable: GraphNode[] = [];
  nodes.forEach((raw: unknown, index) => {
    const label = isRecord(raw) && typeof raw['name'] === 'string' ? raw['name'] : `#${index}`;
    if (!isRecord(raw) || typeof raw['name'] !== 'string' || raw['name'] === '') {
      issues.push(error('bad-layer', label, 'name', null, `node ${index} needs a non-empty string name.`));
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
    if (raw['name'] === INPUT || byName.has(raw['name'])) {
      issues.push(
        error('duplicate-name', label, 'name', null, `the name "${label}" is used more than once.`),
      );
      return;
    }
    const node: GraphNode = {
      name: raw['name'],
      layer: raw['layer'] as GraphNode['layer'],
      inputs: inputs as string[],
    };
    byName.set(node.name, node);
    usable.push(node);
  });
  for (const node of usable)
    for (const input of node.inputs)
      if (input !== INPUT && !byName.has(input))
        issues.push(
          error('dangling-input', node.name, 'inputs', null, `input "${input}" does not name any node.`),
        );

  const indegree = new Map<string, number>();
  const consumers = new Map<string, GraphNode[]>();
  for (const node of usable) {
    const deps = new Set(node.inputs.filter((x) => x !== INPUT && byName.has(x)));
    indegree.set(node.name, deps.size);
    for (const dep of deps) {
      const list = consumers.get(dep);
      if (list === undefined) consumers.set(dep, [node]);
      else list.push(node);
    }
  }
  const position = new Map(usable.map((n, i) => [n.name, i]));
  // A binary heap is overkill for these sizes; a sorted ready list keeps the given order stable.
  let ready = usable.filter((n) => indegree.get(n.name) === 0);
  const order: GraphNode[] = [];
  while (ready.length > 0) {
    const node = ready.shift() as GraphNode;
    order.push(node);
    let added = false;
    for (const next of consumers.get(node.name) ?? []) {
      const left = (indegree.get(next.name) ?? 0) - 1;
      indegree.set(next.name, left);
      if (left === 0) {
        ready.push(next);
        added = true;
      }
    }
    if (added && ready.length > 1)
      ready = ready.sort((a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0));
  }
  for (const node of usable)
    if ((indegree.get(node.name) ?? 0) > 0)
      issues.push(
        error(
          'cycle',
          node.name,
          'inputs',
          null,
          `the node is on a cycle or depends on one, so it has no topological position.`,
        ),
      );
  return { order, issues };
}
