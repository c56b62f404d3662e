/** A widget-like state object: what a widget passes to a worker is often a `$state` proxy. */
export function sizeState(h: number, w: number): { h: number; w: number } {
  const size = $state({ h, w });
  return size;
}
