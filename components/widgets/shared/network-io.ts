/**
 * Networks in and out of widgets: a layer stack as one line of the site's stack grammar (presets, the
 * calculator's text box, share links), one layer as text for a table, and a zoo network resized to
 * another input. The grammar itself lives in the engine (src/rf/stack-grammar.ts).
 */
import {
  formatStack,
  parseStack,
  type Axes,
  type Layer,
  type Network,
  type StackError,
} from '../../../src/rf';

export { formatStack, parseStack, type StackError };

/** `net` with another input size (SAME padding and every size are recomputed by the engine). */
export function withInput(net: Network, input: Axes<number>): Network {
  return { input, nodes: net.nodes };
}

/** One layer in the grammar ("conv k=3 s=2 p=1"), for a table's operation column. */
export function formatLayer(layer: Layer): string {
  return formatStack([layer]);
}

/** The layers of a stack text, or [] when it does not parse (for presets written by the authors). */
export function stackLayers(text: string): Layer[] {
  const parsed = parseStack(text);
  return parsed.ok ? parsed.layers : [];
}
