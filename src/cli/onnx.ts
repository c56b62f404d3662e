/**
 * `rf model.onnx [--at NODE] [--input HxW] [--json]`: imports an ONNX model (without reading its
 * weights) and prints the receptive-field table of its nodes and a summary for one node.
 *
 * Exit codes: 0 the whole graph was mapped; 1 a report was printed but the import stopped at a node
 * it could not map (or the analysis reported problems); 2 bad arguments or a file that cannot be
 * imported (missing, empty, truncated, corrupt, not ONNX, unsupported opset, broken graph).
 */
import type { LayerResult } from '../rf/index.ts';
import { analyzeRows, type RowStream } from '../rf/analyze.ts';
import type { Axes, Network } from '../rf/types.ts';
import { describeImportError, importOnnx, type OnnxImport } from '../rf/onnx/import.ts';
import { openFileSource } from '../workers/node-file-source.ts';
import { outputSummary, parseInputSize, processIo, reportJson, writeLayerTable, type Io } from './report.ts';

export type OnnxIo = Io;

const USAGE = `usage: rf <model.onnx> [--at NODE] [--input HxW] [--json]
  Imports an ONNX model (weights are skipped, never read) and prints, per node, the feature-map
  size n, jump j, receptive field r, centre of unit 0 (start), effective stride S and padding P
  (h×w when the axes differ). --at picks the node to summarize (a node or tensor name);
  --input overrides the input height and width.`;

interface Options {
  path: string;
  at: string | null;
  input: Axes<number> | null;
  json: boolean;
}

function parseArgs(argv: string[]): Options | { help: true } | string {
  const positional: string[] = [];
  let at: string | null = null;
  let input: Axes<number> | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--':
        break;
      case '--help':
      case '-h':
        return { help: true };
      case '--json':
        json = true;
        break;
      case '--at': {
        const v = value();
        if (v === undefined || v === '') return '--at needs a node name';
        at = v;
        break;
      }
      case '--input': {
        const size = parseInputSize(value());
        if (typeof size === 'string') return size;
        input = size;
        break;
      }
      default:
        if (arg.startsWith('--')) return `unknown option ${arg}`;
        positional.push(arg);
    }
  }
  const models = positional.filter((p) => p.toLowerCase().endsWith('.onnx'));
  const path = models.length === 1 ? models[0]! : positional.length === 1 ? positional[0]! : null;
  if (path === null)
    return positional.length === 0
      ? 'give the path of an .onnx file'
      : `give exactly one .onnx file (got ${positional.join(', ')})`;
  return { path, at, input, json };
}

/** The ONNX operator a layer came from, with the engine's op in brackets. */
function onnxOpLabel(opOf: (name: string) => string | undefined): (l: LayerResult) => string {
  return (l) => {
    const op = l.name === 'input' ? undefined : opOf(l.name);
    return l.name === 'input' ? 'input' : op ? `${op} (${l.op})` : l.op;
  };
}

function summary(imp: Report, out: LayerResult): string {
  const m = imp.model;
  const input = imp.input;
  const source = input.assumed ? ' (assumed: the file leaves it open; use --input)' : '';
  const lines = [
    `Model: ${m.producer || 'unknown producer'}${m.producerVersion ? ` ${m.producerVersion}` : ''}, opset ${m.opset}, ` +
      `${m.nodeCount} nodes, ${m.initializerCount} initializers (${m.weightBytes} weight bytes skipped).`,
    `Input ${input.name}: ${input.size.h}×${input.size.w} (${input.layout})${source}.`,
  ];
  lines.push(outputSummary(out));
  return lines.join('\n');
}

function json(imp: Report, analysis: RowStream, out: LayerResult): string {
  return reportJson(imp.inputSize, { layers: analysis.rows }, out, {
    layer: (l) => {
      const op = imp.opOf(l.name);
      return op ? { onnxOp: op } : {};
    },
    top: {
      stoppedAt: imp.stoppedAt,
      unsupported: imp.unsupported.map((u) => (u.domain ? `${u.domain}.${u.op}` : u.op)),
    },
  });
}

/** What the report prints of an import (not the network, nor the tensor and operator tables). */
type Report = Pick<
  OnnxImport,
  'model' | 'input' | 'outputs' | 'opOf' | 'unsupported' | 'stoppedAt' | 'notes'
> & { inputSize: Axes<number> };

/** Imports the file, or writes why not and gives the exit code. */
async function importFile(options: Options, io: OnnxIo): Promise<OnnxImport | number> {
  try {
    const source = await openFileSource(options.path);
    try {
      // Only the tensor --at may name is recorded (on 10^6-node graphs the whole table is ~100 MB).
      const at = options.at;
      return await importOnnx(source, {
        ...(options.input ? { input: options.input } : {}),
        keepTensor: (t) => t === at,
      });
    } finally {
      await source.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      io.err(
        `rf: cannot open ${options.path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}\n`,
      );
    } else {
      io.err(`rf: ${options.path}: ${describeImportError(error).message}\n`);
    }
    return 2;
  }
}

interface Resolved {
  network: Network;
  report: Report;
  at: string | undefined;
}

/** The node --at names (a node or a tensor), or writes that there is none and gives the exit code. */
function resolveAt(imp: OnnxImport | number, options: Options, io: OnnxIo): Resolved | number {
  if (typeof imp === 'number') return imp;
  // Field by field: the import's `tensors` and `ops` tables are made when read, and are not needed.
  const { network } = imp;
  const report: Report = {
    model: imp.model,
    input: imp.input,
    outputs: imp.outputs,
    opOf: imp.opOf,
    unsupported: imp.unsupported,
    stoppedAt: imp.stoppedAt,
    notes: imp.notes,
    inputSize: network.input,
  };
  if (options.at === null) return { network, report, at: undefined };
  // Every node of the network has an operator; no other name has one.
  const known = options.at === 'input' || imp.opOf(options.at) !== undefined;
  const at = known ? options.at : imp.tensorNode(options.at);
  if (at === undefined) {
    const names = network.nodes.map((n) => n.name);
    const hint =
      names.length > 8
        ? `${names.slice(0, 4).join(', ')}, …, ${names.slice(-3).join(', ')}`
        : names.join(', ');
    io.err(`rf: --at ${options.at}: no mapped node or tensor of that name (nodes: ${hint || 'none'})\n`);
    return 2;
  }
  return { network, report, at };
}

/** Evaluates the network; rows are made as they are printed, not kept (10^6-node tables fit that way). */
function analyse(resolved: Resolved | number): { report: Report; analysis: RowStream } | number {
  if (typeof resolved === 'number') return resolved;
  const { network, report, at } = resolved;
  // The network is handed over: each node is let go once evaluated.
  return { report, analysis: analyzeRows(network, { ...(at === undefined ? {} : { at }), consume: true }) };
}

/** Runs `rf model.onnx …` with `argv` (the arguments after the script); resolves to the exit code. */
export async function runOnnx(argv: string[], io: OnnxIo = processIo): Promise<number> {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    io.err(`rf: ${options}\n${USAGE}\n`);
    return 2;
  }
  if ('help' in options) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  // Each step gets what the one before returns and keeps only what the report prints, so that on
  // graphs of 10^6 nodes the tensor table and the network are not in memory beside the rows.
  const result = analyse(resolveAt(await importFile(options, io), options, io));
  if (typeof result === 'number') return result;
  const { report, analysis } = result;
  const warnings: string[] = [];
  if (report.stoppedAt) {
    const s = report.stoppedAt;
    warnings.push(
      `stopped at node '${s.node}' (${s.op}): ${s.reason}. The report covers the nodes before it.`,
    );
  }
  if (report.unsupported.length > 0) {
    warnings.push(
      `operators not known to the importer: ${report.unsupported.map((u) => `${u.domain ? `${u.domain}.` : ''}${u.op} ×${u.count}`).join(', ')}.`,
    );
  }
  for (const n of report.notes) warnings.push(`note: ${n}`);
  for (const i of analysis.issues) warnings.push(`${i.severity}: ${i.node}: ${i.message}`);
  const out = analysis.output ?? analysis.last;
  if (out === null) {
    io.err(`rf: ${options.path}: nothing to report.\n${warnings.map((w) => `rf: ${w}\n`).join('')}`);
    return 2;
  }
  if (options.json) io.out(`${json(report, analysis, out)}\n`);
  else {
    writeLayerTable(io.out, analysis.rows, onnxOpLabel(report.opOf));
    io.out(`\n\n${summary(report, out)}\n`);
  }
  if (warnings.length > 0) io.err(warnings.map((w) => `rf: ${w}\n`).join(''));
  return report.stoppedAt !== null || !analysis.ok ? 1 : 0;
}
