/**
 * The project's test command (`npm test`). Runs, in order and with their output streamed:
 *
 *   1. type checks: `astro check` and `svelte-check` (the `check` script)
 *   2. `eslint . --max-warnings 0`
 *   3. `prettier --check .`
 *   4. `vitest run` — unit and component tests (vitest.config.ts)
 *   5. `vitest run -c vitest.e2e.config.ts` — end-to-end tests against the built site
 *
 * It keeps going after a failure. Each static check counts as one test; the Vitest runs count their
 * tests (read from Vitest's JSON reporter). The last line is `N passed, N failed` (plus
 * `, N skipped` when some were skipped) and the exit code is non-zero when anything failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const vitestBin = path.join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs');

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface StepResult extends Counts {
  name: string;
  seconds: number;
  note?: string;
}

function run(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: process.env,
    });
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function banner(text: string): void {
  const rule = '─'.repeat(Math.max(8, 72 - text.length));
  console.log(`\n── ${text} ${rule}\n`);
}

/** A check that passes or fails as a whole: one test. */
async function staticCheck(name: string, command: string, args: readonly string[]): Promise<StepResult> {
  banner(name);
  const started = performance.now();
  const code = await run(command, args);
  const seconds = (performance.now() - started) / 1000;
  return code === 0
    ? { name, seconds, passed: 1, failed: 0, skipped: 0 }
    : { name, seconds, passed: 0, failed: 1, skipped: 0, note: `exit code ${code}` };
}

interface VitestJson {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { status?: string; message?: string; assertionResults?: unknown[] }[];
}

function readVitestJson(file: string): VitestJson | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  } catch {
    return null;
  }
}

/** A Vitest run: its tests counted from the JSON report, and a failure added for anything the counts miss. */
async function vitestRun(
  name: string,
  args: readonly string[],
  tmp: string,
  index: number,
): Promise<StepResult> {
  banner(name);
  const jsonFile = path.join(tmp, `vitest-${index}.json`);
  const started = performance.now();
  const code = await run(process.execPath, [
    vitestBin,
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${jsonFile}`,
  ]);
  const seconds = (performance.now() - started) / 1000;
  const report = readVitestJson(jsonFile);
  if (report === null) {
    return { name, seconds, passed: 0, failed: 1, skipped: 0, note: `no test report (exit code ${code})` };
  }
  const counts: Counts = {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  // A test file that failed before any of its tests ran (import error, failing hook) counts as one failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  counts.failed += brokenFiles;
  let note: string | undefined;
  if (code !== 0 && counts.failed === 0) {
    // Unhandled errors, a failing global setup, no test files found…
    counts.failed = 1;
    note = `vitest exited with code ${code}`;
  }
  return { name, seconds, ...counts, ...(note ? { note } : {}) };
}

async function main(): Promise<number> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'rf-lab-test-'));
  const results: StepResult[] = [];
  try {
    results.push(await staticCheck('astro check + svelte-check', npm, ['run', '--silent', 'check']));
    results.push(await staticCheck('eslint', npm, ['run', '--silent', 'lint']));
    results.push(await staticCheck('prettier --check', npm, ['run', '--silent', 'format:check']));
    results.push(await vitestRun('vitest: unit and components', [], tmp, 1));
    results.push(await vitestRun('vitest: end-to-end', ['-c', 'vitest.e2e.config.ts'], tmp, 2));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  banner('summary');
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const counts = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
    const mark = r.failed > 0 ? 'FAIL' : 'ok  ';
    console.log(
      `${mark} ${r.name.padEnd(width)}  ${counts}  (${r.seconds.toFixed(1)}s)${r.note ? `  ${r.note}` : ''}`,
    );
  }
  const total = results.reduce<Counts>(
    (sum, r) => ({
      passed: sum.passed + r.passed,
      failed: sum.failed + r.failed,
      skipped: sum.skipped + r.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log('');
  console.log(
    `${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}`,
  );
  return total.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
