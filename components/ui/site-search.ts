/**
 * The header's search dialog: opens with its button or the `/` key, queries the Pagefind index of
 * the page's language (Pagefind picks it from `<html lang>`) and lists matching lessons with their
 * matching sections. The index is loaded from the site itself on first use.
 */
import { interpolate, isLocale } from '../../src/i18n';

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: PagefindSubResult[];
}
interface PagefindResult {
  data(): Promise<PagefindData>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    ms?: number,
  ): Promise<{ results: PagefindResult[] } | null>;
}

const MAX_RESULTS = 8;
const MAX_SECTIONS = 3;

function format(template: string, values: Record<string, string | number>): string {
  const lang = document.documentElement.lang;
  return interpolate(isLocale(lang) ? lang : 'en', template, values);
}

/** Sections of a result worth listing: those below the page title, best first. */
function sections(data: PagefindData): PagefindSubResult[] {
  const subs = (data.sub_results ?? []).filter((s) => s.url !== data.url && s.url.includes('#'));
  return subs.slice(0, MAX_SECTIONS);
}

function setup(dialog: HTMLDialogElement): void {
  const base = dialog.dataset.base ?? '/';
  const strings = JSON.parse(dialog.dataset.strings ?? '{}') as Record<string, string>;
  const input = dialog.querySelector<HTMLInputElement>('input[type="search"]');
  const status = dialog.querySelector<HTMLElement>('[data-search-status]');
  const list = dialog.querySelector<HTMLOListElement>('[data-search-results]');
  const openers = document.querySelectorAll<HTMLButtonElement>('[data-search-open]');
  if (!input || !status || !list) return;
  let pagefind: Promise<Pagefind | null> | undefined;
  let latest = 0;

  const load = (): Promise<Pagefind | null> => {
    pagefind ??= (async () => {
      try {
        const url = `${base}pagefind/pagefind.js`;
        const module = (await import(/* @vite-ignore */ url)) as Pagefind;
        await module.options({ baseUrl: base, excerptLength: 18 });
        await module.init();
        return module;
      } catch {
        return null;
      }
    })();
    return pagefind;
  };

  const render = async (query: string): Promise<void> => {
    const ticket = ++latest;
    const q = query.trim();
    if (q === '') {
      list.replaceChildren();
      status.textContent = strings.idle ?? '';
      return;
    }
    status.textContent = strings.loading ?? '';
    const engine = await load();
    if (engine === null) {
      status.textContent = strings.unavailable ?? '';
      return;
    }
    const search = await engine.debouncedSearch(q, {}, 120);
    if (search === null || ticket !== latest) return;
    const found = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (ticket !== latest) return;
    list.replaceChildren(
      ...found.map((data) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = data.url;
        link.className = 'search-hit';
        const label = document.createElement('span');
        label.className = 'search-label';
        label.textContent = data.meta.label ?? '';
        const title = document.createElement('span');
        title.className = 'search-title';
        title.textContent = data.meta.title ?? data.url;
        link.append(label, title);
        item.append(link);
        const subs = sections(data);
        const excerpt = document.createElement('p');
        excerpt.className = 'search-excerpt';
        // Pagefind's excerpts are text from our own pages, escaped, with <mark> around the matches.
        excerpt.innerHTML = subs[0]?.excerpt ?? data.excerpt;
        item.append(excerpt);
        if (subs.length > 0) {
          const sectionList = document.createElement('ul');
          sectionList.className = 'search-sections';
          for (const sub of subs) {
            const li = document.createElement('li');
            const a = document.createElement('a');
            a.href = sub.url;
            a.textContent = sub.title;
            li.append(a);
            sectionList.append(li);
          }
          item.append(sectionList);
        }
        return item;
      }),
    );
    status.textContent =
      found.length === 0
        ? format(strings.none ?? '', { q })
        : format(strings.count ?? '', { n: search.results.length });
  };

  const open = (): void => {
    if (dialog.open) return;
    dialog.showModal();
    input.select();
    if (input.value.trim() === '') status.textContent = strings.idle ?? '';
    void load();
  };

  input.addEventListener('input', () => void render(input.value));
  // Enter opens the best match.
  dialog.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    list.querySelector<HTMLAnchorElement>('a')?.click();
  });
  dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
  for (const button of openers) button.addEventListener('click', open);
  // Clicks on the backdrop (outside the dialog's box) close it, as on most sites.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
    event.preventDefault();
    open();
  });
}

for (const dialog of document.querySelectorAll<HTMLDialogElement>('dialog[data-search]')) setup(dialog);
