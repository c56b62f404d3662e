/**
 * Engine cost: chains of 100, 1,000 and 10,000 layers (cost should grow linearly), a seeded random
 * 1,000-node DAG, every model of the zoo (target: well under 1 ms each), and the per-unit regions the
 * widgets compute on hover for the deepest branched models (target: a few ms, tens at most).
 */
import { test } from 'vitest';
import { analyze, unitRegion } from '../src/rf/index.ts';
import { INPUT, type GraphNode, type Layer, type Network } from '../src/rf/types.ts';
import { findModel, zoo } from '../src/rf/zoo/index.ts';

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

test('unitRegion on hover: centre and corner units of branched models at their default input', async ({
  bench,
}) => {
  const cases = ['inception_v4', 'inception_resnet_v2', 'torchvision-densenet121'].flatMap((id) => {
    const model = findModel(id);
    if (model === undefined) throw new Error(`no zoo model ${id}`);
    const end = analyze(model.network).layers.find((l) => l.name === model.endpoint);
    if (end === undefined) throw new Error(`no endpoint ${model.endpoint}`);
    const centre = { h: end.size.h >> 1, w: end.size.w >> 1 };
    return [
      bench(
        `${id} centre (${centre.h}, ${centre.w})`,
        () => void unitRegion(model.network, model.endpoint, centre),
      ),
      bench(`${id} corner (0, 0)`, () => void unitRegion(model.network, model.endpoint, { h: 0, w: 0 })),
    ];
  });
  await bench.compare(...cases, { time: 200, warmupTime: 50 });
});
