/**
 * Command line for the RF engine.
 *   rf <zoo-model> [--input H[xW]] [--at LAYER] [--diagnose] [--json]
 *   rf --input H[xW] --stack "conv k=3 s=2 p=1 | conv k=3 s=2 p=1" [--at LAYER] [--json]
 *   rf --list
 *   rf erf …            (effective receptive fields, ./erf.ts)
 *   rf model.onnx …     (ONNX import, ./onnx.ts)
 * Exit codes: 0 success, 2 bad arguments or an invalid network.
 */
import { pathToFileURL } from 'node:url';
import { analyze, diagnose, parseStack, stackToNetwork } from '../rf/index.ts';
import type { Axes, Network } from '../rf/types.ts';
import {
  diagnosisColumns,
  diagnosisJson,
  diagnosisSummary,
  layerTable,
  outputSummary,
  parseInputSize,
  processIo,
  reportJson,
  type Io,
} from './report.ts';

export type { Io };

const USAGE = `usage: rf <zoo-model> [--input H[xW]] [--at LAYER] [--diagnose] [--json]
       rf --input H[xW] --stack "conv k=3 s=2 p=1 | pool k=2" [--at LAYER] [--diagnose] [--json]
       rf --list
       rf erf …   |   rf <model.onnx> …`;

interface Options {
  positional: string[];
  input: Axes<number> | null;
  at: string | null;
  stack: string | null;
  json: boolean;
  list: boolean;
  diagnose: boolean;
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = {
    positional: [],
    input: null,
    at: null,
    stack: null,
    json: false,
    list: false,
    diagnose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--json':
        o.json = true;
        break;
      case '--list':
        o.list = true;
        break;
      case '--diagnose':
        o.diagnose = true;
        break;
      case '--input': {
        const size = parseInputSize(value());
        if (typeof size === 'string') return size;
        o.input = size;
        break;
      }
      case '--at':
      case '--stack': {
        const v = value();
        if (v === undefined) return `${flag} needs a value`;
        if (flag === '--at') o.at = v;
        else o.stack = v;
        break;
      }
      default:
        if (arg.startsWith('--')) return `unknown option ${arg}`;
        o.positional.push(arg);
    }
  }
  return o;
}

/** Loads a sub-command module lazily (it may pull in heavy dependencies); null with a message if missing. */
async function load<T>(path: string, io: Io): Promise<T | null> {
  try {
    return (await import(/* @vite-ignore */ path)) as T;
  } catch (e) {
    io.err(
      `rf: the ${path.replace(/^\.\/|\.ts$/g, '')} command is not available (${e instanceof Error ? e.message : String(e)})\n`,
    );
    return null;
  }
}

/** Runs the command line with `argv` (without the node and script paths); resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const first = argv.find((a) => !a.startsWith('--'));
  if (first === 'erf' && argv[0] === 'erf') {
    const runner = await load<{ runErf(argv: string[]): Promise<number> }>('./erf.ts', io);
    return runner === null ? 2 : runner.runErf(argv.slice(1));
  }
  if (first !== undefined && first.toLowerCase().endsWith('.onnx')) {
    const runner = await load<{ runOnnx(argv: string[]): Promise<number> }>('./onnx.ts', io);
    return runner === null ? 2 : runner.runOnnx(argv);
  }
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    io.err(`rf: ${options}\n${USAGE}\n`);
    return 2;
  }
  if (options.list) {
    const { zoo } = await import('../rf/zoo/index.ts');
    const width = Math.max(...zoo.map((m) => m.id.length));
    io.out(
      `${zoo.map((m) => `${m.id.padEnd(width)}  ${m.title}${m.year === null ? '' : ` (${m.year})`}`).join('\n')}\n`,
    );
    return 0;
  }
  let net: Network;
  let at = options.at;
  if (options.stack !== null) {
    if (options.positional.length > 0) {
      io.err(`rf: give either a zoo model or --stack, not both\n${USAGE}\n`);
      return 2;
    }
    if (options.input === null) {
      io.err(`rf: --stack needs --input H[xW]\n${USAGE}\n`);
      return 2;
    }
    const parsed = parseStack(options.stack);
    if (!parsed.ok) {
      const lines = parsed.errors.map((e) => `  ${options.stack}\n  ${' '.repeat(e.index)}^ ${e.message}`);
      io.err(`rf: cannot parse the stack:\n${lines.join('\n')}\n`);
      return 2;
    }
    net = stackToNetwork(options.input, parsed.layers);
  } else {
    const id = options.positional[0];
    if (id === undefined || options.positional.length > 1) {
      io.err(
        `rf: ${id === undefined ? 'name a zoo model (see --list) or give --stack' : `unexpected argument ${options.positional[1]}`}\n${USAGE}\n`,
      );
      return 2;
    }
    const { findModel } = await import('../rf/zoo/index.ts');
    const model = findModel(id);
    if (model === undefined) {
      io.err(`rf: unknown model "${id}"; run with --list to see the zoo\n`);
      return 2;
    }
    net = { ...model.network, input: options.input ?? model.network.input };
    at ??= model.endpoint;
  }
  const analysis = analyze(net, at === null ? {} : { at });
  for (const issue of analysis.issues) io.err(`rf: ${issue.severity}: ${issue.message}\n`);
  if (!analysis.ok || analysis.output === null) {
    io.err('rf: the network is invalid (see the errors above)\n');
    return 2;
  }
  if (!options.diagnose) {
    io.out(
      options.json
        ? `${reportJson(net.input, analysis, analysis.output)}\n`
        : `${layerTable(analysis.layers)}\n\n${outputSummary(analysis.output)}\n`,
    );
    return 0;
  }
  // The diagnosis reads the analysis's own evaluation: the network is evaluated once.
  const d = diagnose(net, { at: analysis.output.name, analysis });
  io.out(
    options.json
      ? `${reportJson(net.input, analysis, analysis.output, diagnosisJson(net.input, d))}\n`
      : `${layerTable(analysis.layers, undefined, diagnosisColumns(d))}\n\n${outputSummary(analysis.output)}\n${diagnosisSummary(net.input, d)}\n`,
  );
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`rf: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
