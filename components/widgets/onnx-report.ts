/**
 * View model of OnnxReport: what the page shows about an imported ONNX model. The importer (a Web
 * Worker) turns the file into the engine's network; every number here is the engine's, formatted.
 * The link keeps the chosen node, the input size and the example shown, never the file itself.
 */
import { analyze, formatRatio, type Analysis, type Axes, type LayerResult, type Network } from '../../src/rf';
import type { ImportResult } from '../../src/rf/onnx/protocol';
import { NOT_APPLICABLE, formatAxes } from './layer-table';
import { dict, own } from '../../src/rf/dict.ts';

/** Largest input side the size fields accept. */
export const MAX_SIDE = 4096;

export const EXAMPLE_IDS = ['lecture', 'resnet'] as const;
export type ExampleId = (typeof EXAMPLE_IDS)[number];

export function isExampleId(value: string): value is ExampleId {
  return (EXAMPLE_IDS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------------
// The input size fields

export type SideParse = { ok: true; value: number } | { ok: false; reason: 'notInteger' | 'tooLarge' };

/** One side of the input as typed: a whole number from 1 to MAX_SIDE. */
export function parseSide(text: string): SideParse {
  const s = text.trim();
  if (!/^\d+$/.test(s) || Number(s) < 1) return { ok: false, reason: 'notInteger' };
  if (Number(s) > MAX_SIDE) return { ok: false, reason: 'tooLarge' };
  return { ok: true, value: Number(s) };
}

// ---------------------------------------------------------------------------------------------------
// Link state: "ex=resnet;in=64x64;at=block.add" (the node name is percent-encoded)

export interface ReportLink {
  example: ExampleId | null;
  input: Axes<number> | null;
  node: string | null;
}

export function encodeLink(state: ReportLink): string | null {
  const parts: string[] = [];
  if (state.example !== null) parts.push(`ex=${state.example}`);
  if (state.input !== null) parts.push(`in=${state.input.h}x${state.input.w}`);
  if (state.node !== null) parts.push(`at=${encodeURIComponent(state.node)}`);
  return parts.length === 0 ? null : parts.join(';');
}

export function decodeLink(text: string | null): ReportLink {
  const state: ReportLink = { example: null, input: null, node: null };
  if (text === null) return state;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 'ex' && isExampleId(value)) state.example = value;
    else if (key === 'in') {
      const m = /^(\d+)x(\d+)$/.exec(value);
      const h = parseSide(m?.[1] ?? '');
      const w = parseSide(m?.[2] ?? '');
      if (h.ok && w.ok) state.input = { h: h.value, w: w.value };
    } else if (key === 'at' && value !== '') {
      try {
        state.node = decodeURIComponent(value);
      } catch {
        state.node = null;
      }
    }
  }
  return state;
}

// ---------------------------------------------------------------------------------------------------
// The report

export type Alignment =
  { ok: true } | { ok: false; node: string; axis: 'h' | 'w'; kind: 'stride' | 'centre' };

export interface NodeSummary {
  row: LayerResult;
  op: string;
  n: string;
  r: string;
  S: string;
  P: string;
  alignment: Alignment;
  /** The merge through which a global branch reaches the node (squeeze-and-excitation), or null. */
  globalContext: string | null;
}

export interface Report {
  network: Network;
  analysis: Analysis;
  /** ONNX operator of each row, for the table's operation column. */
  details: Record<string, string>;
  /** The node shown when the reader has not picked one: the last node with a spatial output. */
  defaultNode: string | null;
  /** The node shown (the reader's choice when it exists, else the default). */
  node: string | null;
  summary: NodeSummary | null;
}

/** The report of an import, showing `chosen` when it names a node of the network. */
export function buildReport(result: Pick<ImportResult, 'network' | 'ops'>, chosen: string | null): Report {
  const network = result.network;
  const analysis = analyze(network);
  const details = dict<string>();
  for (const layer of analysis.layers) details[layer.name] = own(result.ops, layer.name) ?? layer.op;
  const spatial = [...analysis.layers].reverse().find((l) => !l.global && l.name !== 'input');
  const defaultNode = spatial?.name ?? analysis.layers.at(-1)?.name ?? null;
  const node = chosen !== null && analysis.layers.some((l) => l.name === chosen) ? chosen : defaultNode;
  const row = analysis.layers.find((l) => l.name === node) ?? null;
  let summary: NodeSummary | null = null;
  if (analysis.ok && row !== null) {
    const from = row.misalignedAt;
    summary = {
      row,
      op: details[row.name] ?? row.op,
      n: formatAxes(row.size, String),
      r: formatAxes(row.rf, String),
      S: row.stride === null ? NOT_APPLICABLE : formatAxes(row.stride, formatRatio),
      P: row.padding === null ? NOT_APPLICABLE : formatAxes(row.padding, formatRatio),
      alignment: from === null ? { ok: true } : { ok: false, ...from },
      globalContext: row.globalContextFrom,
    };
  }
  return { network, analysis, details, defaultNode, node, summary };
}

/** The first engine error of an analysis (the network does not fit this input size…), or null. */
export function firstError(analysis: Analysis): string | null {
  return analysis.issues.find((i) => i.severity === 'error')?.message ?? null;
}

/** A byte count for people: "812 B", "3.4 KB", "97.8 MB" (1 KB = 1000 B). */
export function formatBytes(bytes: number, locale: 'en' | 'ru'): string {
  const units = locale === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${text} ${units[unit]}`;
}

/** The share of the file read so far, 0…100 (0 for an empty total). */
export function percent(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((loaded / total) * 100)));
}
