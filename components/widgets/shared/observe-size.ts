/**
 * An element's size, followed with a ResizeObserver as a Svelte attachment:
 * `{@attach observeSize((size) => (width = size.width))}`. The observer reports after layout, in
 * the frame's rendering step; `bind:clientWidth` and `bind:clientHeight` read the size at once when
 * the element is created, which forces a layout of the whole page in the middle of the render.
 */
export interface ObservedSize {
  /** Content box, CSS pixels. */
  width: number;
  height: number;
  /** Border box height, CSS pixels. */
  borderHeight: number;
}

export function observeSize(set: (size: ObservedSize) => void) {
  return (element: Element): (() => void) => {
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      set({
        width: entry.contentRect.width,
        height: entry.contentRect.height,
        borderHeight: entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height,
      });
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
