/**
 * Lines of scoped CSS: the lines of the <style> blocks of every .svelte file under components/, the
 * `<style>` and `</style>` tag lines included, per file (largest first) and in total, beside the lines of
 * the global stylesheet and the goal (half of the 2,661 lines counted the same way at commit 0bdbb47).
 *
 *   npx tsx scripts/scoped-css-lines.ts [dir]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const BASELINE = 2661;
const GOAL = Math.floor(BASELINE / 2);

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return svelteFiles(file);
    return file.endsWith('.svelte') ? [file] : [];
  });
}

/** Lines from the `<style>` line to the `</style>` line, both tag lines counted. */
function styleLines(source: string): number {
  let lines = 0;
  for (const block of source.matchAll(/<style[^>]*>[\s\S]*?<\/style>/g)) {
    lines += block[0].split('\n').length;
  }
  return lines;
}

const root = process.argv[2] ?? '.';
const rows = svelteFiles(path.join(root, 'components'))
  .map((file) => ({ file: path.relative(root, file), lines: styleLines(readFileSync(file, 'utf8')) }))
  .filter((row) => row.lines > 0)
  .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
for (const row of rows) console.log(`${String(row.lines).padStart(5)}  ${row.file}`);
const total = rows.reduce((sum, row) => sum + row.lines, 0);
console.log(
  `${String(total).padStart(5)}  scoped CSS in ${rows.length} files (goal ≤ ${GOAL.toLocaleString('en')} = half of ${BASELINE.toLocaleString('en')} at 0bdbb47)`,
);
const globalCss = path.join(root, 'src/styles/global.css');
if (existsSync(globalCss)) {
  const global = readFileSync(globalCss, 'utf8').trimEnd().split('\n').length;
  console.log(`${String(global).padStart(5)}  src/styles/global.css`);
}
