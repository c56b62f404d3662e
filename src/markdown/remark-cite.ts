import type { Root, Text, Parent } from 'mdast';
import type { VFile } from 'vfile';

interface Reference {
  id: string;
}

const CITATION = /\[@([a-z0-9-]+)\]/g;

/**
 * Turns `[@id]` in lesson prose into a numbered superscript link to the lesson's reference `id`
 * (numbered by its position in the frontmatter `references`). An unknown id fails the build, so a
 * lesson can never cite a source it does not list.
 */
export default function remarkCite() {
  return (tree: Root, file: VFile) => {
    const astro = file.data['astro'] as { frontmatter?: { references?: Reference[] } } | undefined;
    const references = astro?.frontmatter?.references ?? [];
    const numberOf = new Map(references.map((ref, i) => [ref.id, i + 1]));
    visitText(tree, (node, parent, index) => {
      if (!CITATION.test(node.value)) return 0;
      CITATION.lastIndex = 0;
      const parts: Parent['children'] = [];
      let last = 0;
      for (const match of node.value.matchAll(CITATION)) {
        const id = match[1] ?? '';
        const n = numberOf.get(id);
        if (n === undefined) {
          throw new Error(`${file.path}: cites [@${id}], which is not in its frontmatter references`);
        }
        if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
        parts.push(citation(id, n));
        last = match.index + match[0].length;
      }
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...parts);
      return parts.length;
    });
  };
}

function citation(id: string, n: number): Parent['children'][number] {
  return {
    type: 'text',
    value: `[${n}]`,
    data: {
      hName: 'sup',
      hProperties: { className: ['cite'] },
      hChildren: [
        {
          type: 'element',
          tagName: 'a',
          properties: { href: `#ref-${id}`, ariaLabel: `Reference ${n}` },
          children: [{ type: 'text', value: `[${n}]` }],
        },
      ],
    },
  } as Parent['children'][number];
}

/** Depth-first walk over text nodes; the callback returns how many nodes replaced the visited one. */
function visitText(node: Parent, visit: (node: Text, parent: Parent, index: number) => number): void {
  for (let i = 0; i < node.children.length;) {
    const child = node.children[i]!;
    if (child.type === 'text') {
      const replaced = visit(child, node, i);
      i += replaced > 0 ? replaced : 1;
    } else {
      if ('children' in child) visitText(child as Parent, visit);
      i += 1;
    }
  }
}
