/**
 * Widget state in the page URL: each widget owns one query parameter (its `id`), so a link reproduces
 * every widget on the page exactly and a reload never loses a reader's work. Writes use
 * history.replaceState: typing into a widget does not flood the back button.
 */

/** The value of widget `id`'s parameter in `search` (a location.search string), or null. */
export function readParam(search: string, id: string): string | null {
  return new URLSearchParams(search).get(id);
}

/** `href` with widget `id`'s parameter set to `value` (removed when null), other parameters kept. */
export function withParam(href: string, id: string, value: string | null): string {
  const url = new URL(href);
  if (value === null) url.searchParams.delete(id);
  else url.searchParams.set(id, value);
  return url.toString();
}

/** Widget `id`'s saved state in the current page URL, or null (always null outside a browser). */
export function readState(id: string): string | null {
  if (typeof window === 'undefined') return null;
  return readParam(window.location.search, id);
}

/** Saves widget `id`'s state into the current page URL without reloading or adding history entries. */
export function writeState(id: string, value: string | null): void {
  if (typeof window === 'undefined') return;
  const next = withParam(window.location.href, id, value);
  if (next !== window.location.href) window.history.replaceState(window.history.state, '', next);
}

/** A link to this page that restores widget `id` in state `value` (for a "copy link" button). */
export function shareLink(id: string, value: string): string {
  if (typeof window === 'undefined') return '';
  return withParam(window.location.href, id, value);
}
