import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  EMBEDS,
  embedFor,
  embedPath,
  embedSnippet,
  lessonSectionPath,
  stateQuery,
} from '../../../src/lib/embeds';
import { widgetAnchor } from '../../../src/markdown/rehype-cells';

const root = path.resolve(__dirname, '../../..');

describe('the embed registry', () => {
  test('every entry names a lesson that exists in both languages', () => {
    for (const entry of EMBEDS) {
      for (const locale of ['en', 'ru']) {
        const file = path.join(root, 'content', locale, `${entry.lesson}.mdx`);
        expect(existsSync(file), `${entry.slug}: ${file}`).toBe(true);
      }
    }
  });

  test('each widget parameter and each slug is used once', () => {
    const params = EMBEDS.map((e) => e.param).filter((p) => p !== null);
    expect(new Set(params).size).toBe(params.length);
    expect(new Set(EMBEDS.map((e) => e.slug)).size).toBe(EMBEDS.length);
  });

  test('the widget with id "conv-dilated" in lesson 3 is its own embed, apart from lesson 2’s', () => {
    expect(embedFor('conv-dilated')?.slug).toBe('conv-arithmetic-dilated');
    expect(embedFor('conv-arithmetic')?.lesson).toBe('02-formulas');
    expect(embedFor('erf-figure-grid')?.param).toBeNull();
    expect(embedFor('no-such-widget')).toBeUndefined();
  });

  test('a lesson that places a widget with an id prop uses the id of the registry', () => {
    const lesson3 = readFileSync(path.join(root, 'content/en/03-more-layers.mdx'), 'utf8');
    expect(lesson3).toContain('<ConvArithmetic client:visible locale="en" id="conv-dilated"');
  });
});

describe('widgetAnchor', () => {
  test('is widget- plus the id prop when there is one', () => {
    expect(widgetAnchor('PhotoRf', 'photo')).toBe('widget-photo');
  });
  test('is widget- plus the component name in kebab case otherwise', () => {
    expect(widgetAnchor('LayerStack1D', null)).toBe('widget-layer-stack1d');
    expect(widgetAnchor('ErfOnPhoto', undefined)).toBe('widget-erf-on-photo');
  });
});

describe('embed addresses', () => {
  const conv = embedFor('conv-arithmetic')!;
  test('carry the state under the widget’s own parameter, as in the lesson', () => {
    expect(stateQuery(conv, '7.3.1.2.1.0')).toBe('?conv-arithmetic=7.3.1.2.1.0');
    expect(stateQuery(conv, null)).toBe('');
    expect(embedPath('/rf-lab/', 'ru', conv, '7.3.1.2.1.0')).toBe(
      '/rf-lab/ru/embed/conv-arithmetic/?conv-arithmetic=7.3.1.2.1.0',
    );
    expect(lessonSectionPath('/', 'en', conv, null)).toBe('/en/lessons/02-formulas/#widget-conv-arithmetic');
  });
  test('escape what the query may hold', () => {
    const calc = embedFor('calc')!;
    expect(stateQuery(calc, 'conv k=3 | pool')).toBe('?calc=conv+k%3D3+%7C+pool');
  });
});

describe('embedSnippet', () => {
  test('is an iframe with a title and the resize script, attributes escaped', () => {
    const html = embedSnippet(
      'https://x.org/en/embed/a/?p=1&q=2',
      'https://x.org/embed.js',
      'A "quoted" <b>',
      600,
    );
    expect(html).toBe(
      '<iframe src="https://x.org/en/embed/a/?p=1&amp;q=2" title="A &quot;quoted&quot; &lt;b>" width="100%" ' +
        'height="600" style="border:0;max-width:100%" loading="lazy"></iframe>\n' +
        '<script src="https://x.org/embed.js" async></script>',
    );
  });
});
