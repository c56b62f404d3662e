import type { Element, Root, RootContent } from 'hast';
import rehypeCells from '../../../src/markdown/rehype-cells';

const el = (tagName: string, className: string[] = [], children: Element['children'] = []): Element => ({
  type: 'element',
  tagName,
  properties: className.length ? { className } : {},
  children,
});
const jsx = (name: string) =>
  ({ type: 'mdxJsxFlowElement', name, attributes: [], children: [] }) as unknown as RootContent;
const run = (children: RootContent[]) => {
  const tree: Root = { type: 'root', children };
  rehypeCells()(tree);
  return tree.children.map((n) =>
    n.type === 'element' ? (n.properties['dataCell'] ?? n.tagName) : (n as { type: string }).type,
  );
};

describe('rehypeCells', () => {
  it('groups consecutive prose blocks into one cell and keeps headings between cells', () => {
    expect(run([el('h2'), el('p'), el('ul'), el('p'), el('h2'), el('p')])).toEqual([
      'h2',
      'prose',
      'h2',
      'prose',
    ]);
  });

  it('gives each display formula its own math cell', () => {
    const display = el('span', ['katex-display']);
    expect(run([el('p'), display, el('p')])).toEqual(['prose', 'math', 'prose']);
    expect(run([el('p', [], [display])])).toEqual(['math']);
  });

  it('puts widgets and try-it prompts in cells of their own', () => {
    expect(run([el('p'), jsx('LayerStack1D'), jsx('TryIt'), el('p')])).toEqual([
      'prose',
      'widget',
      'try',
      'prose',
    ]);
  });

  it('does not wrap imports or whitespace-only text in cells', () => {
    const esm = { type: 'mdxjsEsm', value: 'import x from "y"' } as unknown as RootContent;
    expect(run([esm, { type: 'text', value: '\n' }, el('p')])).toEqual(['mdxjsEsm', 'prose']);
  });
});
