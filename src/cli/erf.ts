/**
 * `rf erf …`: runs the effective-receptive-field simulation and prints a summary or JSON.
 * Exit codes: 0 success, 2 bad arguments or invalid configuration.
 */
import { simulateErf, type ErfConfig, type ErfFrame } from '../rf/erf/index';

/** Where the command writes; defaults to the process's stdout and stderr. */
export interface ErfIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: erf --layers N --kernel K [--channels C] [--stride S] [--dilation D] [--residual]
           [--weights uniform|random] [--activation none|relu|tanh] [--draws D] [--seed S]
           [--averaging abs|square] [--input-size auto|N] [--json]
  Simulates the effective receptive field (gradient of the centre output unit w.r.t. the input),
  averaged over D draws of weights and inputs. Stride and dilation take one value or a comma list
  with one value per layer.`;

type Option = { key: keyof ErfConfig; kind: 'int' | 'list' | 'text' | 'size' };

const OPTIONS: Record<string, Option> = {
  '--layers': { key: 'layers', kind: 'int' },
  '--kernel': { key: 'kernel', kind: 'int' },
  '--channels': { key: 'channels', kind: 'int' },
  '--stride': { key: 'stride', kind: 'list' },
  '--dilation': { key: 'dilation', kind: 'list' },
  '--weights': { key: 'weights', kind: 'text' },
  '--activation': { key: 'activation', kind: 'text' },
  '--draws': { key: 'draws', kind: 'int' },
  '--seed': { key: 'seed', kind: 'int' },
  '--averaging': { key: 'averaging', kind: 'text' },
  '--input-size': { key: 'inputSize', kind: 'size' },
};

/** Parses one numeric argument strictly ("3" → 3); other text is passed on for validation to report. */
const toNumber = (text: string): number | string =>
  /^[+-]?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;

type Parsed =
  | { ok: true; config: Record<string, unknown>; json: boolean; help: boolean }
  | { ok: false; message: string };

function parseArgs(argv: readonly string[]): Parsed {
  const config: Record<string, unknown> = {};
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    if (flag === '--json') json = true;
    else if (flag === '--residual') config['residual'] = true;
    else if (flag === '--help' || flag === '-h') help = true;
    else {
      const option = OPTIONS[flag];
      if (!option) return { ok: false, message: `unknown argument '${raw}'` };
      const value = eq > 0 && raw.startsWith('--') ? raw.slice(eq + 1) : argv[++i];
      if (value === undefined || (value.startsWith('--') && eq < 0)) {
        return { ok: false, message: `${flag} needs a value` };
      }
      if (option.kind === 'int') config[option.key] = toNumber(value);
      else if (option.kind === 'text') config[option.key] = value;
      else if (option.kind === 'size') config[option.key] = value === 'auto' ? 'auto' : toNumber(value);
      else {
        const parts = value.split(',').map(toNumber);
        config[option.key] = parts.length === 1 ? parts[0] : parts;
      }
    }
  }
  if (!help && (config['layers'] === undefined || config['kernel'] === undefined)) {
    return { ok: false, message: '--layers and --kernel are required' };
  }
  return { ok: true, config, json, help };
}

/** The JSON printed with --json: central row profile (sum 1), its σ, Luo size, RF, ratio, area ratios. */
export function erfJson(frame: ErfFrame): Record<string, unknown> {
  const m = frame.metrics;
  const areaRatio: Record<string, number> = {};
  for (const area of m.areas) areaRatio[String(Math.round(area.t * 100))] = area.areaRatio;
  return {
    profile: Array.from(m.profile.w),
    std: m.gaussian.w.std,
    luoSize: m.luo.size,
    theoreticalRf: m.theoreticalRf.w,
    ratio: m.ratio,
    areaRatio,
  };
}

function summary(frame: ErfFrame): string {
  const m = frame.metrics;
  const f = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(3));
  const lines = [
    `ERF of the centre unit (${frame.done} draw${frame.done === 1 ? '' : 's'}, map ${frame.height}×${frame.width} px)`,
    `  theoretical RF        ${m.theoreticalRf.h} × ${m.theoreticalRf.w} px`,
    `  Luo ERF size          ${f(m.luo.size)} px (${m.luo.count} px above (1 − 0.9545) × centre)`,
    `  ERF / theoretical RF  ${f(m.ratio)}`,
    `  Gaussian σ (h, w)     ${f(m.gaussian.h.std)}, ${f(m.gaussian.w.std)} px`,
    `  high-contribution squares (side px, area ratio):`,
    ...m.areas.map(
      (a) =>
        `    ${String(Math.round(a.t * 100)).padStart(2)} %  ${String(a.side).padStart(4)}  ${a.areaRatio.toFixed(4)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs `erf` with `argv` (the arguments after `erf`); resolves to the exit code. */
export async function runErf(
  argv: string[],
  io: ErfIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) },
): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.err(`erf: ${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const result = simulateErf(parsed.config);
  if (!result.ok) {
    io.err(result.errors.map((e) => `erf: ${e.field}: ${e.message}\n`).join(''));
    return 2;
  }
  io.out(parsed.json ? `${JSON.stringify(erfJson(result.frame))}\n` : summary(result.frame));
  return 0;
}
