/**
 * The Calculator's state: the form (input size, layer drafts, the selected row and unit, the stack text
 * being typed) and everything derived from it. Each change converts the drafts to engine layers once,
 * evaluates the network once and writes the stack text once; the table, the chart, the photograph and
 * the messages beside the fields all read that one analysis. The link follows through `urlState`.
 */
import type { Axes } from '../../src/rf';
import { urlState } from './parts/widget-state.svelte';
import { formatStack, parseStack, type StackError } from './shared/network-io';
import {
  MAX_CALC_LAYERS,
  MAX_LINK_CHARS,
  blankDraft,
  calcView,
  changeOp,
  decodeState,
  draftToLayer,
  encodeState,
  layerCount,
  layerIsWellFormed,
  layerToDraft,
  matchingPreset,
  newKey,
  presetState,
  type AxisText,
  type CalcState,
  type CalcView,
  type DraftOp,
  type LayerDraft,
  type PlacedIssue,
} from './calculator';

/** Moves focus to control `action` of the layer with list key `key` once the list has been redrawn. */
export type FocusLayer = (key: number, action: string) => void;

const NO_ISSUES: readonly PlacedIssue[] = [];
/** The address follows the form once the reader pauses (a long replaceState costs a frame). */
const URL_WRITE_DELAY_MS = 200;

export class CalculatorForm {
  input = $state<AxisText>({ h: '32', w: '32' });
  layers = $state<LayerDraft[]>([]);
  /** The selected row of the table: 0 = the input, n = layer n. */
  selected = $state(0);
  /** The picked unit of the selected layer (null = its middle unit). */
  unit = $state<Axes<number> | null>(null);
  /** The stack text while the reader types it (null: the text follows the form). */
  stackDraft = $state<string | null>(null);
  stackError = $state.raw<StackError | null>(null);
  /** Layers in a pasted text or link above MAX_CALC_LAYERS (null when within the cap). */
  tooMany = $state<number | null>(null);

  /**
   * The key of the layer the form last sent the keyboard focus to (after a move, a copy, an addition
   * or a removal), or null: the list keeps that row in the page wherever it is scrolled.
   */
  focusKey = $state<number | null>(null);

  readonly full = $derived(this.layers.length >= MAX_CALC_LAYERS);
  readonly state = $derived<CalcState>({
    input: this.input,
    layers: this.layers,
    selected: this.selected,
    unit: this.unit,
  });
  /** Each draft converted to an engine layer, once per change. */
  readonly drafted = $derived(this.layers.map(draftToLayer));
  /** The network evaluated once per change, with every issue placed on its field. */
  readonly view = $derived(calcView(this.state, this.drafted));
  // The last valid view and stack text: what the table and the text keep showing while a field is bad.
  #lastGood: CalcView | null = null;
  #lastText = '';
  readonly shown = $derived.by(() => {
    if (this.view.analysis.ok) this.#lastGood = this.view;
    return this.#lastGood ?? this.view;
  });
  readonly stale = $derived(this.shown !== this.view);
  /** The network as one line of text, or null while a field holds something the grammar cannot carry. */
  readonly formatted = $derived(this.drafted.every(layerIsWellFormed) ? formatStack(this.drafted) : null);
  readonly stackText = $derived.by(() => {
    if (this.formatted !== null) this.#lastText = this.formatted;
    return this.stackDraft ?? this.#lastText;
  });
  readonly encoded = $derived(encodeState(this.state, this.drafted, this.formatted));
  readonly presetId = $derived(matchingPreset(this.state, this.drafted, this.formatted));
  readonly rowCount = $derived(this.shown.analysis.layers.length);
  readonly selectedRow = $derived(Math.max(0, Math.min(this.rowCount - 1, this.selected)));
  readonly selectedName = $derived(this.shown.analysis.layers[this.selectedRow]?.name ?? null);
  readonly errorRows = $derived(
    this.view.analysis.ok
      ? []
      : this.view.issues
          .filter((p) => p.issue.severity === 'error')
          .map((p) => p.issue.node)
          .filter((node, i, all) => all.indexOf(node) === i),
  );
  /** The form layers (indices) that have an error, in order. */
  readonly errorLayers = $derived(
    this.view.issues
      .filter((p) => p.issue.severity === 'error' && p.layer >= 0)
      .map((p) => p.layer)
      .filter((layer, i, all) => all.indexOf(layer) === i)
      .sort((a, b) => a - b),
  );
  /** The issues of each form layer (index −1: the input size); a layer without any shares one empty list. */
  readonly issuesOf = $derived.by(() => {
    const by: PlacedIssue[][] = [];
    for (const p of this.view.issues) (by[p.layer + 1] ??= []).push(p);
    return (layer: number): readonly PlacedIssue[] => by[layer + 1] ?? NO_ISSUES;
  });

  #focus: FocusLayer;

  constructor(preset: string, id: string, focus: FocusLayer) {
    this.#focus = (key, action) => {
      // Focus goes to a row that must be in the page, however far the list is scrolled from it.
      this.focusKey = key;
      focus(key, action);
    };
    const initial = presetState(preset);
    if (initial !== null) this.apply(initial);
    urlState(
      id,
      {
        restore: (link) => {
          const restored = decodeState(link);
          if (restored !== null) this.apply(restored);
          else if (link !== null && (link.length > MAX_LINK_CHARS || layerCount(link) > MAX_CALC_LAYERS))
            this.tooMany = layerCount(link);
        },
        // While a field holds a value a link cannot carry, the link keeps the last state it can restore.
        save: () => this.encoded ?? undefined,
      },
      { delay: URL_WRITE_DELAY_MS },
    );
  }

  apply(state: CalcState) {
    this.focusKey = null;
    this.input = state.input;
    this.layers = state.layers;
    this.selected = state.selected;
    this.unit = state.unit;
    this.stackDraft = null;
    this.stackError = null;
  }

  choosePreset(id: string) {
    const next = presetState(id);
    if (next !== null) this.apply(next);
  }

  typeStack(text: string) {
    this.stackDraft = text;
    // Counted before parsing: a pasted 10,000-layer text is refused at once, not laid out.
    const count = layerCount(text);
    this.tooMany = count > MAX_CALC_LAYERS ? count : null;
    if (this.tooMany !== null) return;
    const parsed = parseStack(text);
    if (!parsed.ok) {
      this.stackError = parsed.errors[0] ?? null;
      return;
    }
    this.stackError = null;
    this.focusKey = null;
    const grew = parsed.layers.length !== this.layers.length;
    this.layers = parsed.layers.map(layerToDraft);
    if (grew) this.selected = parsed.layers.length;
  }

  leaveStack() {
    if (this.stackError === null) this.stackDraft = null;
  }

  move(index: number, step: number, action = step < 0 ? 'up' : 'down') {
    const target = index + step;
    const layer = this.layers[index];
    if (layer === undefined || target < 0 || target >= this.layers.length) return;
    const next = this.layers.slice();
    next.splice(index, 1);
    next.splice(target, 0, layer);
    this.layers = next;
    if (this.selected === index + 1) this.selected = target + 1;
    this.#focus(layer.key, action);
  }

  duplicate(index: number) {
    const layer = this.layers[index];
    if (layer === undefined || this.full) return;
    const copy: LayerDraft = { ...structuredClone($state.snapshot(layer)), key: newKey() };
    this.layers = [...this.layers.slice(0, index + 1), copy, ...this.layers.slice(index + 1)];
    this.selected = index + 2;
    this.#focus(copy.key, 'duplicate');
  }

  remove(index: number) {
    const neighbour = this.layers[index + 1] ?? this.layers[index - 1];
    this.layers = this.layers.filter((_, i) => i !== index);
    if (this.selected > this.layers.length) this.selected = this.layers.length;
    if (neighbour) this.#focus(neighbour.key, 'remove');
  }

  add() {
    if (this.full) return;
    const layer = blankDraft('conv');
    this.layers = [...this.layers, layer];
    this.selected = this.layers.length;
    this.#focus(layer.key, 'op');
  }

  setOp(index: number, op: DraftOp) {
    const layer = this.layers[index];
    if (layer) this.layers[index] = changeOp(layer, op);
  }

  togglePerAxis(layer: LayerDraft) {
    layer.perAxis = !layer.perAxis;
    if (layer.perAxis)
      for (const field of [
        layer.kernel,
        layer.stride,
        layer.dilation,
        layer.pad,
        layer.outputPadding,
        layer.factor,
      ])
        field.w = field.h;
  }

  /** Sends the focus to the first invalid field of the first layer with an error (however far the list is scrolled). */
  revealError() {
    const layer = this.layers[this.errorLayers[0] ?? -1];
    if (layer !== undefined) this.#focus(layer.key, 'error');
  }

  selectByName(name: string) {
    const index = this.shown.analysis.layers.findIndex((l) => l.name === name);
    if (index >= 0) {
      this.selected = index;
      this.unit = null;
    }
  }
}
