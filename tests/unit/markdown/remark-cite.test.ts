import type { Element } from 'hast';
import type { Paragraph, Root } from 'mdast';
// Brings mdast's hName/hChildren data fields into scope.
import type {} from 'mdast-util-to-hast';
import { VFile } from 'vfile';
import remarkCite from '../../../src/markdown/remark-cite';

function cite(text: string, ids: string[]) {
  const tree: Root = {
    type: 'root',
    children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }],
  };
  const file = new VFile({
    path: 'lesson.mdx',
    data: { astro: { frontmatter: { references: ids.map((id) => ({ id })) } } },
  });
  remarkCite()(tree, file);
  return (tree.children[0] as Paragraph).children;
}

describe('remarkCite', () => {
  it('numbers citations by the order of the frontmatter references', () => {
    const nodes = cite('As shown [@luo] and [@distill].', ['distill', 'luo']);
    const sups = nodes.filter((n) => n.data?.hName === 'sup');
    expect(sups.map((n) => (n as { value: string }).value)).toEqual(['[2]', '[1]']);
    expect(nodes.map((n) => (n.data?.hName ? '' : (n as { value: string }).value)).join('|')).toBe(
      'As shown || and ||.',
    );
  });

  it('links each citation to its entry in the reference list', () => {
    const [, sup] = cite('See [@luo].', ['luo']);
    const link = (sup?.data?.hChildren as Element[] | undefined)?.[0];
    expect(link?.properties['href']).toBe('#ref-luo');
  });

  it('fails the build when a lesson cites a source it does not list', () => {
    expect(() => cite('See [@missing].', ['luo'])).toThrow(/\[@missing\].*not in its frontmatter references/);
  });

  it('leaves text without citations alone', () => {
    expect(cite('Plain [text] here.', [])).toEqual([{ type: 'text', value: 'Plain [text] here.' }]);
  });
});
