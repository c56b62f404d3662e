import type { Element, ElementContent, Root, RootContent } from 'hast';

/** What a notebook cell holds; the layout styles and labels each kind. */
export type CellKind = 'prose' | 'math' | 'widget' | 'try';

/** MDX components that read as prose (they sit inside a prose cell, not in a cell of their own). */
const INLINE_COMPONENTS = new Set(['Term', 'Aside']);
/** MDX components that are "try it" prompts. */
const TRY_COMPONENTS = new Set(['TryIt', 'Exercise', 'Exercises']);
/** MDX components that hold a display formula (a linkable equation). */
const MATH_COMPONENTS = new Set(['Equation']);

/**
 * Groups a lesson's top-level blocks into numbered notebook cells: consecutive prose blocks form one
 * cell; each display formula, widget and "try it" prompt is a cell of its own; h2/h3 headings stay
 * between cells as section titles. Authors write plain MDX; the cells come from the structure.
 */
export default function rehypeCells() {
  return (tree: Root) => {
    const out: RootContent[] = [];
    let prose: ElementContent[] = [];
    const flush = () => {
      if (prose.some((n) => n.type !== 'text' || n.value.trim() !== '')) out.push(cell('prose', prose));
      prose = [];
    };
    for (const node of tree.children) {
      const kind = kindOf(node);
      if (kind === 'pass') {
        flush();
        out.push(node);
      } else if (kind === 'prose') {
        prose.push(node as ElementContent);
      } else {
        flush();
        out.push(cell(kind, [node as ElementContent], kind === 'widget' ? widgetId(node) : undefined));
      }
    }
    flush();
    tree.children = out;
  };
}

function kindOf(node: RootContent): CellKind | 'pass' {
  if (node.type === 'element' && /^h[1-3]$/.test(node.tagName)) return 'pass';
  if (node.type === 'doctype' || node.type === 'comment') return 'pass';
  if ((node.type as string) === 'mdxjsEsm') return 'pass';
  if (node.type === 'element' && isDisplayMath(node)) return 'math';
  const name = (node as { name?: string | null }).name;
  if ((node.type as string) === 'mdxJsxFlowElement' && name) {
    if (TRY_COMPONENTS.has(name)) return 'try';
    if (MATH_COMPONENTS.has(name)) return 'math';
    if (!INLINE_COMPONENTS.has(name)) return 'widget';
  }
  return 'prose';
}

function isDisplayMath(node: Element): boolean {
  const classes = (el: Element) =>
    Array.isArray(el.properties['className']) ? el.properties['className'] : [];
  if (classes(node).includes('katex-display')) return true;
  const meaningful = node.children.filter((c) => c.type !== 'text' || c.value.trim() !== '');
  return (
    meaningful.length === 1 &&
    meaningful[0]!.type === 'element' &&
    classes(meaningful[0] as Element).includes('katex-display')
  );
}

/**
 * A widget cell's id, so a link (an embed page's "open in the course") can point at the widget:
 * `widget-` + its `id` prop, else its component name in kebab case.
 */
function widgetId(node: RootContent): string | undefined {
  const el = node as {
    name?: string | null;
    attributes?: { type: string; name?: string; value?: unknown }[];
  };
  if (!el.name) return undefined;
  const id = el.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id')?.value;
  return widgetAnchor(el.name, typeof id === 'string' ? id : null);
}

/** `widget-` + the `id` prop, else the component's name in kebab case (LayerStack1D → layer-stack1d). */
export function widgetAnchor(component: string, id: string | null | undefined): string {
  const name = id ?? component.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  return `widget-${name}`;
}

function cell(kind: CellKind, children: ElementContent[], id?: string): Element {
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['cell', `cell-${kind}`], dataCell: kind, ...(id ? { id } : {}) },
    children: [{ type: 'element', tagName: 'div', properties: { className: ['cell-body'] }, children }],
  };
}
