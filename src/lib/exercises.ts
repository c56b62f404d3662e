/**
 * Exercise progress: how many exercises a lesson has (counted in its MDX source at build time) and
 * how many of them the reader has solved (read in the browser from the answers the Exercise widget
 * keeps in localStorage, per language and page). Predictions ("predict, then check") are not counted.
 */

/** The number of `<Exercise …>` widgets in an MDX source that are not predictions. */
export function exerciseTotal(source: string): number {
  let total = 0;
  for (const match of source.matchAll(/<Exercise\b([\s\S]*?)\/?>/g)) {
    // The opening tag's attributes (as the lessons write them: one per line, or on one line).
    if (!/(^|\s)predict(\s|=|$)/.test(match[1] ?? '')) total++;
  }
  return total;
}

/** The storage key prefix of the exercises of one lesson page (see parts/widget-state and Exercise). */
export function exercisePrefix(pagePath: string, locale: string): string {
  return `rf-lab:${pagePath}:${locale}:exercise:`;
}

/** How many of the saved answers (storage values under the lesson's prefix) are solved exercises. */
export function solvedCount(saved: readonly (string | null)[]): number {
  let solved = 0;
  for (const text of saved) {
    if (text === null) continue;
    try {
      const value = JSON.parse(text) as { attempt?: { phase?: unknown }; kind?: unknown };
      if (value.kind !== 'predict' && value.attempt?.phase === 'correct') solved++;
    } catch {
      // A damaged entry counts as unsolved.
    }
  }
  return solved;
}

/** Every saved answer under `prefix` in a storage. */
export function savedUnder(storage: Storage, prefix: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && key.startsWith(prefix)) out.push(storage.getItem(key));
  }
  return out;
}
