/**
 * Checks shared by the end-to-end tests: formulas, accessibility and links.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { fragmentExists, fragmentTargets } from './html';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Best-practice rules that widget states have broken before (an empty table header, two landmarks
 * with the same name); run besides the WCAG tags on every state a widget test reaches.
 */
export const AXE_STATE_RULES = ['empty-table-header', 'landmark-unique', 'duplicate-id-aria'];

/**
 * Runs axe-core on the page and describes each violation (empty when there are none): the WCAG
 * tags, or only the given rules.
 */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
  // options() replaces the whole option object, so it has to come before withTags().
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  const results = await (rules ? builder.withRules([...rules]) : builder.withTags(AXE_TAGS)).analyze();
  return results.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => {
        const detail = (n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim();
        return `      ${n.target.join(' ')}${detail ? ` — ${detail}` : ''}`;
      })
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.nodes.length} node(s))\n${nodes}${more}`;
  });
}

export interface MathReport {
  /** Number of `.katex` elements. */
  katex: number;
  /** `.katex` elements without MathML inside (outside `aria-hidden` subtrees). */
  withoutMathml: number;
  /** `.katex` elements whose MathML copy is not visually hidden (the KaTeX stylesheet is missing). */
  unstyled: number;
  /** Visible text outside formulas and code that looks like TeX source. */
  rawTex: string[];
}

/** Inspects the rendered formulas of a page and looks for TeX source left visible as text. */
export function mathReport(page: Page): Promise<MathReport> {
  return page.evaluate(() => {
    const katex = [...document.querySelectorAll('.katex')];
    // MathML is what assistive technology reads, so formulas inside aria-hidden subtrees (a visual
    // copy of text that is exposed elsewhere) may be HTML only.
    const withoutMathml = katex.filter(
      (k) => !k.querySelector('.katex-mathml math') && k.closest('[aria-hidden="true"]') === null,
    ).length;
    const unstyled = katex.filter((k) => {
      const mathml = k.querySelector('.katex-mathml');
      return mathml !== null && getComputedStyle(mathml).position !== 'absolute';
    }).length;

    const skip =
      '.katex-mathml, annotation, code, pre, kbd, samp, script, style, noscript, template, textarea';
    const patterns = [/\$\$/, /\\(?:[a-zA-Z]{2,}|[()[\]{}])/, /(?:^|[^\w$])\$[^$\s][^$]*[\\^_{}][^$]*\$/];
    const rawTex: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      if (parent === null || text.trim() === '' || parent.closest(skip) !== null) continue;
      if (!parent.checkVisibility()) continue;
      for (const re of patterns) {
        const m = re.exec(text);
        if (m) {
          const at = Math.max(0, m.index - 30);
          rawTex.push(
            `“${text
              .slice(at, m.index + m[0].length + 30)
              .replace(/\s+/g, ' ')
              .trim()}”`,
          );
          break;
        }
      }
    }
    return { katex: katex.length, withoutMathml, unstyled, rawTex };
  });
}

interface FetchedPage {
  status: number;
  ids: Set<string> | null;
}

/** Fetches URLs of the test server once per test file and remembers status and fragment targets. */
export class LinkChecker {
  readonly #cache = new Map<string, Promise<FetchedPage>>();

  fetch(url: string): Promise<FetchedPage> {
    let entry = this.#cache.get(url);
    if (entry === undefined) {
      entry = (async () => {
        const response = await fetch(url, { redirect: 'manual' });
        const type = response.headers.get('content-type') ?? '';
        const ids =
          response.ok && type.startsWith('text/html') ? fragmentTargets(await response.text()) : null;
        if (ids === null) await response.body?.cancel();
        return { status: response.status, ids };
      })();
      this.#cache.set(url, entry);
    }
    return entry;
  }

  /**
   * Checks absolute link URLs on the given origin: each must answer 200 and each `#fragment` must
   * exist on its target page. `liveIds` are ids present in the current DOM (for same-page links
   * to content that scripts create). Returns a description of each broken link.
   */
  async check(
    links: readonly string[],
    origin: string,
    from: string,
    liveIds: ReadonlySet<string>,
  ): Promise<string[]> {
    const broken: string[] = [];
    const unique = [...new Set(links)].filter((href) => new URL(href).origin === origin);
    await Promise.all(
      unique.map(async (href) => {
        const url = new URL(href);
        const fragment = url.hash.slice(1);
        url.hash = '';
        const target = await this.fetch(url.href);
        if (target.status !== 200) {
          broken.push(`${href} → HTTP ${target.status}`);
          return;
        }
        if (fragment === '') return;
        const samePage = url.href === new URL(from).href.replace(/#.*$/, '');
        const ids = target.ids ?? new Set<string>();
        if (!fragmentExists(fragment, ids) && !(samePage && fragmentExists(fragment, new Set(liveIds)))) {
          broken.push(
            `${href} → no element with id "${decodeURIComponentSafe(fragment)}" on the target page`,
          );
        }
      }),
    );
    return broken.sort();
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
