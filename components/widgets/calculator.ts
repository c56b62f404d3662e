/**
 * View model of the Calculator: the form's layers as editable text fields ("drafts"), their conversion
 * to engine layers and back, the presets, the share-link state and the placement of engine issues next
 * to the fields that caused them (the photograph is drawn by RfOnImage). Every number shown comes from
 * one engine analysis per change (its rows and regions); this module only converts and arranges.
 */
import {
  analyze,
  stackToNetwork,
  type Analysis,
  type Axes,
  type Layer,
  type Network,
  type RfIssue,
  type SidePad,
} from '../../src/rf';
import { formatLayer, formatStack, parseStack, stackLayers } from './shared/network-io';
import { ANY_WHOLE, parseWhole as parseWholeIn } from './parts/number';
import { dict } from '../../src/rf/dict.ts';

export type DraftOp = 'conv' | 'pool' | 'deconv' | 'upsample' | 'pad' | 'neutral' | 'global';
export const DRAFT_OPS: readonly DraftOp[] = [
  'conv',
  'pool',
  'deconv',
  'upsample',
  'pad',
  'neutral',
  'global',
];

/** Padding as the form offers it: one value per axis on both sides, four sides, or a named mode. */
export type PadMode = 'sym' | 'sides' | 'valid' | 'tf-same' | 'torch-same';
export const PAD_MODES: readonly PadMode[] = ['sym', 'sides', 'valid', 'tf-same', 'torch-same'];

/** A per-axis field as typed (h = rows, w = columns). */
export interface AxisText {
  h: string;
  w: string;
}

export interface Sides {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

/** One layer of the form, every number kept as the text the reader typed. */
export interface LayerDraft {
  /** Stable key for the list (reordering keeps focus and state). */
  key: number;
  op: DraftOp;
  /** Separate h and w values. */
  perAxis: boolean;
  kernel: AxisText;
  stride: AxisText;
  dilation: AxisText;
  padMode: PadMode;
  pad: AxisText;
  sides: Sides;
  poolKind: 'max' | 'avg';
  ceil: boolean;
  outputPadding: AxisText;
  factor: AxisText;
  upMode: 'nearest' | 'bilinear';
  neutralKind: string;
}

/** The whole calculator: input size, layers, the selected layer (0 = input) and unit (null = middle). */
export interface CalcState {
  input: AxisText;
  layers: LayerDraft[];
  selected: number;
  unit: Axes<number> | null;
}

let nextKey = 1;
/** A fresh list key. */
export function newKey(): number {
  return nextKey++;
}

const both = (v: string): AxisText => ({ h: v, w: v });
const num = (a: Axes<number>): AxisText => ({ h: String(a.h), w: String(a.w) });

/** A blank layer of the given kind with the usual defaults (3×3 conv, 2×2 pooling, ×2 upsampling…). */
export function blankDraft(op: DraftOp = 'conv'): LayerDraft {
  const window = op === 'pool' ? '2' : op === 'deconv' ? '4' : '3';
  const stride = op === 'pool' || op === 'deconv' ? '2' : '1';
  return {
    key: newKey(),
    op,
    perAxis: false,
    kernel: both(window),
    stride: both(stride),
    dilation: both('1'),
    padMode: 'sym',
    pad: both(op === 'pool' ? '0' : '1'),
    sides: { top: '1', bottom: '1', left: '1', right: '1' },
    poolKind: 'max',
    ceil: false,
    outputPadding: both('0'),
    factor: both('2'),
    upMode: 'nearest',
    neutralKind: 'relu',
  };
}

/** The draft with another operation, keeping the fields both share. */
export function changeOp(draft: LayerDraft, op: DraftOp): LayerDraft {
  const fresh = blankDraft(op);
  return { ...fresh, key: draft.key, perAxis: draft.perAxis };
}

/** A whole number as typed ("3", " -1 "; the kit's parser), else NaN (the engine then reports the field). */
export function parseWhole(text: string): number {
  const parsed = parseWholeIn(text, ANY_WHOLE);
  return parsed.ok ? parsed.value : Number.NaN;
}

function axes(text: AxisText, perAxis: boolean): Axes<number> {
  return { h: parseWhole(text.h), w: parseWhole(perAxis ? text.w : text.h) };
}

function draftSides(d: LayerDraft): Axes<SidePad> {
  if (d.padMode === 'sides')
    return {
      h: { before: parseWhole(d.sides.top), after: parseWhole(d.sides.bottom) },
      w: { before: parseWhole(d.sides.left), after: parseWhole(d.sides.right) },
    };
  const p = axes(d.pad, d.perAxis);
  return { h: { before: p.h, after: p.h }, w: { before: p.w, after: p.w } };
}

/** The engine layer a draft describes; malformed numbers become NaN so the engine names the field. */
export function draftToLayer(d: LayerDraft): Layer {
  const window = () => ({
    kernel: axes(d.kernel, d.perAxis),
    stride: axes(d.stride, d.perAxis),
    dilation: axes(d.dilation, d.perAxis),
    padding:
      d.padMode === 'sym' || d.padMode === 'sides'
        ? { mode: 'explicit' as const, ...draftSides(d) }
        : { mode: d.padMode },
  });
  switch (d.op) {
    case 'conv':
      return { op: 'conv', ...window() };
    case 'pool':
      return { op: 'pool', ...window(), kind: d.poolKind, ceil: d.ceil };
    case 'deconv':
      return { op: 'deconv', ...window(), outputPadding: axes(d.outputPadding, d.perAxis) };
    case 'upsample':
      return { op: 'upsample', factor: axes(d.factor, d.perAxis), mode: d.upMode };
    case 'pad':
      return { op: 'pad', pads: draftSides(d) };
    case 'neutral':
      return { op: 'neutral', kind: d.neutralKind.trim() || 'neutral' };
    case 'global':
      return { op: 'global', kind: 'global-pool' };
  }
}

const differs = (a: Axes<number>) => a.h !== a.w;

/** The form's draft for an engine layer (the inverse of draftToLayer on well-formed layers). */
export function layerToDraft(layer: Layer): LayerDraft {
  // The stack grammar has no resize layer (it comes from ONNX files only); the draft falls back to neutral.
  const d = blankDraft(
    layer.op === 'add' || layer.op === 'mul' || layer.op === 'concat' || layer.op === 'resize'
      ? 'neutral'
      : layer.op,
  );
  const setSides = (pads: Axes<SidePad>) => {
    const symmetric = pads.h.before === pads.h.after && pads.w.before === pads.w.after;
    d.padMode = symmetric ? 'sym' : 'sides';
    d.pad = { h: String(pads.h.before), w: String(pads.w.before) };
    d.sides = {
      top: String(pads.h.before),
      bottom: String(pads.h.after),
      left: String(pads.w.before),
      right: String(pads.w.after),
    };
    if (symmetric && pads.h.before !== pads.w.before) d.perAxis = true;
  };
  switch (layer.op) {
    case 'conv':
    case 'pool':
    case 'deconv':
      d.kernel = num(layer.kernel);
      d.stride = num(layer.stride);
      d.dilation = num(layer.dilation);
      d.perAxis = differs(layer.kernel) || differs(layer.stride) || differs(layer.dilation);
      if (layer.padding.mode === 'explicit') setSides({ h: layer.padding.h, w: layer.padding.w });
      else {
        d.padMode = layer.padding.mode;
        d.pad = both('0');
      }
      if (layer.op === 'pool') {
        d.poolKind = layer.kind;
        d.ceil = layer.ceil;
      }
      if (layer.op === 'deconv') {
        d.outputPadding = num(layer.outputPadding);
        if (differs(layer.outputPadding)) d.perAxis = true;
      }
      break;
    case 'upsample':
      d.factor = num(layer.factor);
      d.upMode = layer.mode;
      d.perAxis = differs(layer.factor);
      break;
    case 'pad':
      setSides(layer.pads);
      break;
    case 'neutral':
      d.neutralKind = layer.kind;
      break;
    default:
      break;
  }
  return d;
}

/** True when every number of the draft is a whole number (it can be written to a link exactly). */
export function draftIsWellFormed(d: LayerDraft): boolean {
  return layerIsWellFormed(draftToLayer(d));
}

/** True when every number of a converted draft is a whole number. */
export function layerIsWellFormed(layer: Layer): boolean {
  const values: number[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'number') values.push(v);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(collect);
  };
  collect(layer);
  return values.every((v) => Number.isSafeInteger(v));
}

// ---------------------------------------------------------------------------------------------------
// Presets

export interface Preset {
  id: string;
  input: Axes<number>;
  stack: string;
}

const repeat = (n: number, text: string): string[] => Array.from({ length: n }, () => text);

/** ResNet-50 main path (torchvision v1.5: the stride sits on the 3×3 of each stage's first block). */
function resnet50(): string {
  const block = (s: number) => [`conv k=1`, `conv k=3 s=${s} p=1`, `conv k=1`];
  const stage = (blocks: number, s: number) => [
    ...block(s),
    ...Array.from({ length: blocks - 1 }, () => block(1)).flat(),
  ];
  return [
    'conv k=7 s=2 p=3',
    'pool k=3 s=2 p=1',
    ...stage(3, 1),
    ...stage(4, 2),
    ...stage(6, 2),
    ...stage(3, 2),
  ].join(' | ');
}

function vgg16(): string {
  const block = (convs: number) => [...repeat(convs, 'conv k=3 p=1'), 'pool k=2 s=2'];
  return [...block(2), ...block(2), ...block(3), ...block(3), ...block(3)].join(' | ');
}

export const PRESETS: readonly Preset[] = [
  { id: 'lecture', input: { h: 5, w: 5 }, stack: 'conv k=3 s=2 p=1 | conv k=3 s=2 p=1' },
  { id: 'vgg16', input: { h: 224, w: 224 }, stack: vgg16() },
  { id: 'resnet50', input: { h: 224, w: 224 }, stack: resnet50() },
  {
    id: 'inception3',
    input: { h: 299, w: 299 },
    stack:
      'conv k=3 s=2 p=valid | conv k=3 p=valid | conv k=3 p=same | pool k=3 s=2 p=valid | conv k=1 p=valid | conv k=3 p=valid | pool k=3 s=2 p=valid',
  },
  {
    id: 'dilated',
    input: { h: 64, w: 64 },
    stack:
      'conv k=3 p=1 | conv k=3 p=1 | conv k=3 d=2 p=2 | conv k=3 d=4 p=4 | conv k=3 d=8 p=8 | conv k=3 d=16 p=16 | conv k=3 p=1 | conv k=1',
  },
  {
    id: 'unet',
    input: { h: 64, w: 64 },
    stack:
      'conv k=3 p=1 | conv k=3 p=1 | pool k=2 s=2 | conv k=3 p=1 | conv k=3 p=1 | pool k=2 s=2 | conv k=3 p=1 | conv k=3 p=1 | deconv k=2 s=2 p=0 | conv k=3 p=1 | conv k=3 p=1 | upsample f=2 | conv k=3 p=1 | conv k=3 p=1 | conv k=1',
  },
];

/** The calculator state of a preset: its layers, the last layer selected, the middle unit. */
export function presetState(id: string): CalcState | null {
  const preset = PRESETS.find((p) => p.id === id);
  if (preset === undefined) return null;
  const parsed = parseStack(preset.stack);
  if (!parsed.ok) return null;
  return {
    input: num(preset.input),
    layers: parsed.layers.map(layerToDraft),
    selected: parsed.layers.length,
    unit: null,
  };
}

let presetTexts: Map<string, string> | null = null;

/**
 * The preset whose network the state shows exactly, or null (`layers`: the drafts already converted;
 * `text`: their stack text when already written).
 */
export function matchingPreset(
  state: CalcState,
  layers = state.layers.map(draftToLayer),
  text: string | null = formatStack(layers),
): string | null {
  if (text === null) return null;
  presetTexts ??= new Map(PRESETS.map((p) => [p.id, formatStack(stackLayers(p.stack))]));
  const found = PRESETS.find(
    (p) =>
      String(p.input.h) === state.input.h.trim() &&
      String(p.input.w) === state.input.w.trim() &&
      presetTexts?.get(p.id) === text,
  );
  return found?.id ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Share links: "in=5x5;sel=2;u=1,1;net=conv k=3 s=2 p=1 | conv k=3 s=2 p=1"

/**
 * The state as a link parameter, or null while the form holds a value the grammar cannot carry (not a
 * whole number, stride 0…): the link then keeps the last state that a reload can restore exactly.
 * `net`: the layers' stack text when already written (null when a layer is not well formed).
 */
export function encodeState(
  state: CalcState,
  layers = state.layers.map(draftToLayer),
  net: string | null = layers.every(layerIsWellFormed) ? formatStack(layers) : null,
): string | null {
  const h = parseWhole(state.input.h);
  const w = parseWhole(state.input.w);
  if (!(h >= 1) || !(w >= 1) || !Number.isSafeInteger(h) || !Number.isSafeInteger(w)) return null;
  if (net === null || !parseStack(net).ok) return null;
  const parts = [`in=${h}x${w}`, `sel=${state.selected}`];
  if (state.unit !== null) parts.push(`u=${state.unit.h},${state.unit.w}`);
  parts.push(`net=${net}`);
  return parts.join(';');
}

/**
 * The most layers the calculator takes (the longest preset has 50). Every layer is a row of fields and a
 * row of the table, so thousands would freeze the page; above this a text or link is refused with a
 * message, before anything is parsed.
 */
export const MAX_CALC_LAYERS = 120;

/** Longest link parameter read at all (a 120-layer stack is well under 10,000 characters). */
export const MAX_LINK_CHARS = 20_000;

/** Layers in a stack text, counted without parsing it (one more than its separators). */
export function layerCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('|'); i >= 0; i = text.indexOf('|', i + 1)) n++;
  return n;
}

/** A state from a link parameter, or null when it is not one (or holds more than MAX_CALC_LAYERS layers). */
export function decodeState(text: string | null): CalcState | null {
  if (text === null || text.length > MAX_LINK_CHARS || layerCount(text) > MAX_CALC_LAYERS) return null;
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1));
  }
  const size = /^(\d+)x(\d+)$/.exec(fields.get('in') ?? '');
  const net = fields.get('net');
  if (size === null || net === undefined) return null;
  const parsed = parseStack(net);
  if (!parsed.ok) return null;
  const selected = Number(fields.get('sel') ?? parsed.layers.length);
  const unit = /^(\d+),(\d+)$/.exec(fields.get('u') ?? '');
  return {
    input: { h: size[1] ?? '1', w: size[2] ?? '1' },
    layers: parsed.layers.map(layerToDraft),
    selected: Number.isSafeInteger(selected)
      ? Math.max(0, Math.min(parsed.layers.length, selected))
      : parsed.layers.length,
    unit: unit === null ? null : { h: Number(unit[1]), w: Number(unit[2]) },
  };
}

// ---------------------------------------------------------------------------------------------------
// Analysis and issues

/** Which form field an engine issue belongs to. */
export type FieldName = 'kernel' | 'stride' | 'dilation' | 'padding' | 'outputPadding' | 'factor' | 'layer';

const FIELD_OF: Record<string, FieldName> = {
  kernel: 'kernel',
  stride: 'stride',
  dilation: 'dilation',
  padding: 'padding',
  pads: 'padding',
  outputPadding: 'outputPadding',
  factor: 'factor',
};

/** An issue placed on the form: layer index (−1 = the input size), field and axis. */
export interface PlacedIssue {
  layer: number;
  field: FieldName | 'input';
  axis: 'h' | 'w' | null;
  issue: RfIssue;
}

export interface CalcView {
  network: Network;
  analysis: Analysis;
  /** Engine node name of each form layer (index 0 = the first layer after the input). */
  names: string[];
  issues: PlacedIssue[];
  /** Short description of each node's layer for the table ("conv k=3 s=2 p=1"). */
  details: Record<string, string>;
}

/**
 * Analyses the form: the network, the engine's analysis and each issue placed on its field
 * (`layers`: the drafts already converted, so a keystroke converts them once).
 */
export function calcView(state: CalcState, layers = state.layers.map(draftToLayer)): CalcView {
  const input = { h: parseWhole(state.input.h), w: parseWhole(state.input.w) };
  const network = stackToNetwork(input, layers);
  const analysis = analyze(network);
  const names = network.nodes.map((n) => n.name);
  const index = new Map(names.map((name, i) => [name, i]));
  const issues = analysis.issues.map((issue): PlacedIssue => {
    if (issue.node === 'input') return { layer: -1, field: 'input', axis: issue.axis, issue };
    const layer = index.get(issue.node) ?? -1;
    // A map that vanishes does so because the window is wider than the padded input: the message
    // belongs next to the kernel of the layers that have one.
    const windowed = ['conv', 'pool', 'deconv'].includes(state.layers[layer]?.op ?? '');
    let field: FieldName =
      issue.code === 'vanishing-map' && windowed ? 'kernel' : (FIELD_OF[issue.field ?? ''] ?? 'layer');
    // The padding fields are shown only for explicit padding (symmetric or per side): a mode that
    // does not fit the layer (PyTorch "same" at stride 2) is reported on the layer, where it is seen.
    const mode = state.layers[layer]?.padMode;
    if (field === 'padding' && mode !== 'sym' && mode !== 'sides') field = 'layer';
    return { layer, field: layer < 0 ? 'input' : field, axis: issue.axis, issue };
  });
  const details = dict<string>();
  network.nodes.forEach((node) => (details[node.name] = formatLayer(node.layer)));
  return { network, analysis, names, issues, details };
}

/** The issues placed on one field of one layer (axis null matches both axes). */
export function issuesAt(
  view: Pick<CalcView, 'issues'>,
  layer: number,
  field: FieldName | 'input',
  axis?: 'h' | 'w',
): PlacedIssue[] {
  return view.issues.filter(
    (p) =>
      p.layer === layer && p.field === field && (axis === undefined || p.axis === null || p.axis === axis),
  );
}
