/**
 * Scale measurement for the ONNX import and the reports (a script, not a test):
 *   npx tsx scripts/bench-onnx-scale.ts [--fanout 20000,50000] [--chain 100000,1000000] [--cli 1000000]
 * Fan-out: one input tensor read by N Relu nodes (the case that made layout detection quadratic).
 * Chain: N Relu nodes after one convolution, imported, analysed and printed as the command line's
 * table. Prints the time of each stage and the peak RSS (sampled) per case.
 * CLI: the same chain written to a file and run through `rf model.onnx` in a child process, as a user
 * would (table to /dev/null); prints its wall time, its CPU time (user + system, which other work on
 * the machine does not inflate) and its peak RSS (goal for 10^6 nodes: ≤ 30 s, ≤ 1 GB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../src/rf/index.ts';
import { bytesSource } from '../src/rf/onnx/byte-source.ts';
import { importOnnx } from '../src/rf/onnx/import.ts';
import { layerTable } from '../src/cli/report.ts';
import { writeOnnx, type OnnxNodeSpec } from '../components/widgets/shared/onnx-writer.ts';

const args = process.argv.slice(2);
const listArg = (flag: string, fallback: number[]): number[] => {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  return (args[i + 1] ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
};

function model(nodes: OnnxNodeSpec[], output: string): Uint8Array {
  return writeOnnx({
    producer: 'bench',
    opset: 17,
    graphName: 'bench',
    inputs: [
      { name: 'x', shape: [1, 3, 64, 64] },
      { name: 'w', shape: [8, 3, 3, 3] },
    ],
    outputs: [{ name: output, shape: [1, 8, 62, 62] }],
    nodes,
  });
}

function fanout(n: number): Uint8Array {
  const nodes: OnnxNodeSpec[] = [];
  for (let i = 0; i < n; i++) nodes.push({ op: 'Relu', name: `r${i}`, inputs: ['x'], outputs: [`y${i}`] });
  nodes.push({
    op: 'Conv',
    name: 'conv',
    inputs: ['y0', 'w'],
    outputs: ['out'],
    attrs: { kernel_shape: [3, 3] },
  });
  return model(nodes, 'out');
}

function chain(n: number): Uint8Array {
  const nodes: OnnxNodeSpec[] = [
    { op: 'Conv', name: 'conv', inputs: ['x', 'w'], outputs: ['t0'], attrs: { kernel_shape: [3, 3] } },
  ];
  for (let i = 0; i < n; i++)
    nodes.push({ op: 'Relu', name: `r${i}`, inputs: [`t${i}`], outputs: [`t${i + 1}`] });
  return model(nodes, `t${n}`);
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

async function measure(label: string, bytes: Uint8Array, table: boolean): Promise<void> {
  peak = process.memoryUsage().rss;
  const t0 = performance.now();
  const imported = await importOnnx(bytesSource(bytes));
  const t1 = performance.now();
  const analysis = analyze(imported.network);
  const t2 = performance.now();
  const text = table ? layerTable(analysis.layers) : '';
  const t3 = performance.now();
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${label.padEnd(22)} file ${mb(bytes.length).padStart(7)}  import ${(t1 - t0).toFixed(0).padStart(6)} ms` +
      `  analyse ${(t2 - t1).toFixed(0).padStart(6)} ms${table ? `  table ${(t3 - t2).toFixed(0).padStart(6)} ms (${text.length} chars)` : ''}` +
      `  nodes ${analysis.layers.length}  peak RSS ${mb(peak)}`,
  );
}

/** Runs the command line on a file in a child process; its own peak RSS comes from resourceUsage(). */
function measureCli(label: string, bytes: Uint8Array): void {
  const dir = mkdtempSync(join(tmpdir(), 'rf-bench-'));
  try {
    const model = join(dir, 'model.onnx');
    writeFileSync(model, bytes);
    const runner = join(dir, 'run.mts');
    const cli = pathToFileURL(join(import.meta.dirname, '../src/cli/onnx.ts')).href;
    writeFileSync(
      runner,
      `import { runOnnx } from ${JSON.stringify(cli)};\n` +
        `const code = await runOnnx([${JSON.stringify(model)}]);\n` +
        `const u = process.resourceUsage();\n` +
        `process.stderr.write('maxrss ' + u.maxRSS + ' cpu ' + (u.userCPUTime + u.systemCPUTime) + ' exit ' + code + '\\n');\n`,
    );
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', runner], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const seconds = (performance.now() - t0) / 1000;
    const m = /maxrss (\d+) cpu (\d+) exit (\d+)/.exec(child.stderr);
    console.log(
      `${label.padEnd(22)} file ${mb(bytes.length).padStart(7)}  rf model.onnx ${seconds.toFixed(1).padStart(5)} s` +
        `${m ? ` (CPU ${(Number(m[2]) / 1e6).toFixed(1)} s)` : ''}` +
        `  peak RSS ${m ? mb(Number(m[1]) * 1024) : `? (${child.stderr.trim().slice(-200)})`}  exit ${m?.[3] ?? child.status}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const n of listArg('--fanout', [20_000, 50_000])) await measure(`fan-out ${n}`, fanout(n), false);
for (const n of listArg('--chain', [100_000, 1_000_000])) await measure(`chain ${n}`, chain(n), true);
clearInterval(sampler);
for (const n of listArg('--cli', [1_000_000])) measureCli(`cli chain ${n}`, chain(n));
