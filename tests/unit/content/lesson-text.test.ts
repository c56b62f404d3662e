/**
 * Checks on the lesson prose that a reader would otherwise have to catch: which of the two
 * ResNet-50s a paragraph means.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../content');
const lessons = ['en', 'ru'].flatMap((locale) =>
  readdirSync(path.join(root, locale))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => ({ name: `${locale}/${f}`, text: readFileSync(path.join(root, locale, f), 'utf8') })),
);

/** Paragraphs and list items of the body (frontmatter, imports and component tags removed). */
function paragraphs(text: string): string[] {
  const body = text.replace(/^---[\s\S]*?---/, '');
  return body
    .split(/\n\s*\n|\n(?=- )/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0 && !p.startsWith('import '));
}

describe('lesson text', () => {
  it('has lessons in both languages', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(18);
  });

  // The calculator's torchvision v1.5 ResNet-50 ends at r = 427, TF-slim's resnet_v1_50 at 483.
  test.for(lessons.map((l) => [l.name, l.text] as const))(
    '%s says which ResNet-50 it means wherever it names one',
    ([, text]) => {
      const vague = paragraphs(text).filter(
        (p) => /ResNet-50/.test(p) && !/resnet_v1_50|TF-slim|torchvision|v1\.5/.test(p),
      );
      expect(vague).toEqual([]);
    },
  );
});
