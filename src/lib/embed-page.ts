/**
 * The embed page's side of the embed kit (runs in the iframe): reports the page's height to the
 * parent window whenever it changes, and keeps the "open in the course" link in the widget's state.
 *
 * The message, posted to `window.parent` with target origin '*' (it carries nothing but a height, and
 * the site cannot know which origin frames it):
 *
 *   { type: 'rf-lab:embed-size', height: <integer CSS pixels> }
 *
 * It is sent once the page has loaded and again on every change of the content's size (ResizeObserver).
 */
import { EMBED_SIZE_MESSAGE, type EmbedSizeMessage } from './embeds';
import { readState } from '../../components/widgets/shared/url-state';

/** The height to report: the embed root's box, rounded up so the iframe never shows a scrollbar. */
function contentHeight(root: Element): number {
  return Math.ceil(root.getBoundingClientRect().height);
}

export function startEmbedPage(): void {
  const root = document.querySelector('[data-embed-root]');
  if (root === null) return;

  if (window.parent !== window) {
    let last = -1;
    const report = (): void => {
      const height = contentHeight(root);
      if (height === last) return;
      last = height;
      const message: EmbedSizeMessage = { type: EMBED_SIZE_MESSAGE, height };
      window.parent.postMessage(message, '*');
    };
    new ResizeObserver(report).observe(root);
    if (document.readyState === 'complete') report();
    else window.addEventListener('load', report, { once: true });
  }

  // Widgets write their state into this page's URL; the lesson link follows it when it is used.
  const link = document.querySelector<HTMLAnchorElement>('a[data-embed-lesson]');
  const param = link?.dataset['param'];
  if (link && param) {
    const update = (): void => {
      const url = new URL(link.href);
      const state = readState(param);
      if (state === null) url.searchParams.delete(param);
      else url.searchParams.set(param, state);
      link.href = url.href;
    };
    for (const type of ['pointerenter', 'focus', 'pointerdown', 'contextmenu'])
      link.addEventListener(type, update);
  }
}
