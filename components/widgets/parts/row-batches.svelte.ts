/**
 * How many rows of a long list are in the page: `first` when the list mounts, then `batch` more
 * after each painted frame until all `total()` are there (from then on every row, however many).
 * A table of hundreds of layers thus paints its first screen within a frame of being opened.
 * Call from a component's script (it uses onMount); remount the list (a {#key}) to start again.
 */
import { onMount } from 'svelte';
import { afterPaint } from './after-paint';

export function rowBatches(total: () => number, first = 40, batch = 100): { readonly count: number } {
  let count = $state(first);
  onMount(() => {
    let cancel = () => {};
    const grow = () => {
      if (count >= total()) {
        count = Infinity;
        return;
      }
      count += batch;
      cancel = afterPaint(grow);
    };
    cancel = afterPaint(grow);
    return () => cancel();
  });
  return {
    get count() {
      return count;
    },
  };
}
