/**
 * The widgets that have an embed page (`/<locale>/embed/<slug>/`): one entry per widget placed in a
 * lesson, with the URL parameter that keeps its state there (the same one on the embed page, so a
 * lesson link and an embed address carry the same query) and where it sits in the course.
 * Pure data and string helpers: importable from an Astro page, a Svelte widget and a unit test.
 */
import type { Locale, UiKey } from '../i18n';
import { widgetAnchor } from '../markdown/rehype-cells';

export interface EmbedEntry {
  /** The embed page's path segment. */
  slug: string;
  /** The widget's URL parameter (its `id` prop in the lesson), or null for a widget without URL state. */
  param: string | null;
  /** The lesson the widget is placed in. */
  lesson: string;
  /** The id of the widget's cell in that lesson (see `widgetAnchor`). */
  anchor: string;
  /** The height the iframe starts with before the page reports its own (CSS pixels). */
  height: number;
}

export const EMBEDS: readonly EmbedEntry[] = [
  {
    slug: 'layer-stack-1d',
    param: 'stack',
    lesson: '01-what-is-rf',
    anchor: widgetAnchor('LayerStack1D', null),
    height: 520,
  },
  {
    slug: 'rf-grid-2d',
    param: 'rf-grid-2d',
    lesson: '01-what-is-rf',
    anchor: widgetAnchor('RfGrid2D', null),
    height: 620,
  },
  {
    slug: 'conv-arithmetic',
    param: 'conv-arithmetic',
    lesson: '02-formulas',
    anchor: widgetAnchor('ConvArithmetic', null),
    height: 640,
  },
  {
    slug: 'conv-arithmetic-dilated',
    param: 'conv-dilated',
    lesson: '03-more-layers',
    anchor: widgetAnchor('ConvArithmetic', 'conv-dilated'),
    height: 640,
  },
  {
    slug: 'worked-example',
    param: 'worked-example',
    lesson: '04-worked-example',
    anchor: widgetAnchor('WorkedExample', null),
    height: 720,
  },
  {
    slug: 'calculator',
    param: 'calc',
    lesson: '05-calculator',
    anchor: widgetAnchor('Calculator', null),
    height: 900,
  },
  {
    slug: 'photo-rf',
    param: 'photo',
    lesson: '06-why-rf-matters',
    anchor: widgetAnchor('PhotoRf', 'photo'),
    height: 700,
  },
  {
    slug: 'accuracy-rf-chart',
    param: 'accuracy',
    lesson: '07-accuracy-vs-rf',
    anchor: widgetAnchor('AccuracyRfChart', 'accuracy'),
    height: 640,
  },
  {
    slug: 'famous-networks',
    param: 'famous',
    lesson: '08-famous-networks',
    anchor: widgetAnchor('FamousNetworks', null),
    height: 900,
  },
  {
    slug: 'alignment',
    param: 'align',
    lesson: '09-alignment',
    anchor: widgetAnchor('AlignmentLab', null),
    height: 700,
  },
  {
    slug: 'erf-figure-grid',
    param: null,
    lesson: '10-effective-rf',
    anchor: widgetAnchor('ErfFigureGrid', null),
    height: 640,
  },
  {
    slug: 'erf-playground',
    param: 'erf',
    lesson: '10-effective-rf',
    anchor: widgetAnchor('ErfPlayground', null),
    height: 820,
  },
  {
    slug: 'erf-on-photo',
    param: 'erfphoto',
    lesson: '10-effective-rf',
    anchor: widgetAnchor('ErfOnPhoto', null),
    height: 720,
  },
  {
    slug: 'onnx-report',
    param: 'onnx',
    lesson: '11-your-network',
    anchor: widgetAnchor('OnnxReport', null),
    height: 900,
  },
  {
    slug: 'designer',
    param: 'design',
    lesson: '12-designing',
    anchor: widgetAnchor('Designer', null),
    height: 820,
  },
];

/** The UI string with the widget's name (the embed page's and the iframe's title), one per language file. */
export function embedTitleKey(entry: EmbedEntry): UiKey {
  return `embed.title.${entry.slug}` as UiKey;
}

/** The entry whose widget keeps its state in URL parameter `param`, or undefined. */
export function embedForParam(param: string): EmbedEntry | undefined {
  return EMBEDS.find((e) => e.param === param);
}

/** The entry for embed page `slug`, or undefined. */
export function embedForSlug(slug: string): EmbedEntry | undefined {
  return EMBEDS.find((e) => e.slug === slug);
}

/** The entry of a widget named by its URL parameter, or by its embed page for a widget without one. */
export function embedFor(widget: string): EmbedEntry | undefined {
  return embedForParam(widget) ?? embedForSlug(widget);
}

/** The query string (`?p=v` or '') that carries `state` under the entry's parameter. */
export function stateQuery(entry: EmbedEntry, state: string | null): string {
  if (entry.param === null || state === null) return '';
  return `?${new URLSearchParams({ [entry.param]: state }).toString()}`;
}

/** The embed page of `entry` relative to the site root with base `base` ('/' or '/rf-lab/'). */
export function embedPath(base: string, locale: Locale, entry: EmbedEntry, state: string | null): string {
  return `${base}${locale}/embed/${entry.slug}/${stateQuery(entry, state)}`;
}

/** The lesson section holding the widget, in the same state. */
export function lessonSectionPath(
  base: string,
  locale: Locale,
  entry: EmbedEntry,
  state: string | null,
): string {
  return `${base}${locale}/lessons/${entry.lesson}/${stateQuery(entry, state)}#${entry.anchor}`;
}

/** The message an embed page posts to its parent whenever its height changes. */
export interface EmbedSizeMessage {
  type: 'rf-lab:embed-size';
  /** The page's content height in CSS pixels (an integer). */
  height: number;
}

export const EMBED_SIZE_MESSAGE = 'rf-lab:embed-size';

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The HTML to paste into a course page: the iframe of the embed page at `src` (absolute) and the
 * resize script `script` (absolute) that fits the iframe's height to its content.
 */
export function embedSnippet(src: string, script: string, title: string, height: number): string {
  return (
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="${height}" ` +
    `style="border:0;max-width:100%" loading="lazy"></iframe>\n` +
    `<script src="${escapeAttr(script)}" async></script>`
  );
}
