/**
 * Engine cost: chains of 100, 1,000 and 10,000 layers (cost should grow linearly), a seeded random
 * 1,000-node DAG, and every model of the zoo (target: well under 1 ms each).
 */
import { test } from 'vitest';
import { analyze } from '../src/rf/index.ts';
import { INPUT, type GraphNode, type Layer, type Network } from '../src/rf/types.ts';
import { zoo } from '../src/rf/zoo/index.ts';

const conv = (k: number, before: number, after: number): Layer => ({
  op: 'conv',
  kernel: { h: k, w: k },
  stride: { h: 1, w: 1 },
  dilation: { h: 1, w: 1 },
  padding: { mode: 'explicit', h: { before, after }, w: { before, after } },
});

function chainOf(length: number): Network {
  const nodes: GraphNode[] = [];
  for (let i = 0; i < length; i++)
    nodes.push({ name: `c${i}`, layer: conv(3, 1, 1), inputs: [i === 0 ? INPUT : `c${i - 1}`] });
  return { input: { h: 224, w: 224 }, nodes };
}

/** A seeded random DAG of size-preserving convs and merges; about one merge in ten is misaligned. */
function randomDag(size: number, seed: number): Network {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const nodes: GraphNode[] = [];
  const pick = () =>
    nodes.length === 0 || random() < 0.05
      ? INPUT
      : (nodes[Math.floor(random() * nodes.length)] as GraphNode).name;
  for (let i = 0; i < size; i++) {
    if (nodes.length > 2 && random() < 0.25) {
      nodes.push({
        name: `n${i}`,
        layer: { op: random() < 0.5 ? 'add' : 'concat' },
        inputs: [pick(), pick()],
      });
    } else {
      const k = [1, 3, 5][Math.floor(random() * 3)] as number;
      const skew = random() < 0.1 && k > 1 ? 1 : 0;
      nodes.push({ name: `n${i}`, layer: conv(k, (k - 1) / 2 - skew, (k - 1) / 2 + skew), inputs: [pick()] });
    }
  }
  return { input: { h: 64, w: 64 }, nodes: nodes.reverse() };
}

const chains = [100, 1000, 10000].map((n) => [n, chainOf(n)] as const);
const dag = randomDag(1000, 2019);

// Short sampling windows: the machine is shared, and relative costs are what matter here.
const options = { time: 300, warmupTime: 50 };

test('chains: 100, 1,000 and 10,000 layers (linear cost)', async ({ bench }) => {
  await bench.compare(
    ...chains.map(([n, net]) => bench(`analyze ${n}-layer chain`, () => void analyze(net))),
    options,
  );
});

test('a seeded random 1,000-node DAG', async ({ bench }) => {
  await bench('analyze 1,000-node random DAG (seed 2019)', () => void analyze(dag)).run(options);
});

test('every zoo model (target < 1 ms each)', async ({ bench }) => {
  await bench.compare(
    ...zoo.map((model) =>
      bench(
        `${model.id} (${model.network.nodes.length} nodes)`,
        () => void analyze(model.network, { at: model.endpoint }),
      ),
    ),
    { time: 100, warmupTime: 20 },
  );
});
