import { analyze, toNumber } from '../../../../src/rf/index.ts';
import type { Analysis, LayerResult } from '../../../../src/rf/index.ts';
import { findModel } from '../../../../src/rf/zoo/index.ts';
import type { ZooModel } from '../../../../src/rf/zoo/index.ts';

/** Receptive field size r, effective stride S and effective padding P, equal on both axes. */
export interface Rsp {
  r: number;
  s: number;
  p: number;
}

export function model(id: string): ZooModel {
  const found = findModel(id);
  if (found === undefined) throw new Error(`no zoo model '${id}'`);
  return found;
}

const cache = new Map<string, Analysis>();

/** The engine's analysis of a zoo model, `analyze(model.network)`, computed once per test file. */
export function analysisOf(id: string): Analysis {
  let result = cache.get(id);
  if (result === undefined) {
    result = analyze(model(id).network);
    cache.set(id, result);
  }
  return result;
}

/**
 * The row of the model's output, or of node `at` (read from the same analysis: the engine evaluates the
 * whole graph either way, so `analyze(net, { at })` would give the same row at a second full cost).
 */
export function layerOf(id: string, at?: string): LayerResult {
  const analysis = analysisOf(id);
  const row = at === undefined ? analysis.output : analysis.layers.find((l) => l.name === at);
  if (row === null || row === undefined) {
    const first = analysis.issues[0]?.message ?? 'no issue reported';
    throw new Error(`${id}: no result${at === undefined ? '' : ` at '${at}'`} (${first})`);
  }
  return row;
}

/** r, S and P per axis as plain numbers, for `toEqual` against a published or hand-derived row. */
export function rspOf(id: string, at?: string): { h: Rsp; w: Rsp } {
  const out = layerOf(id, at);
  const { stride, padding } = out;
  if (stride === null || padding === null) throw new Error(`${id}: ${out.name} is global (no S, P)`);
  return {
    h: { r: out.rf.h, s: toNumber(stride.h), p: toNumber(padding.h) },
    w: { r: out.rf.w, s: toNumber(stride.w), p: toNumber(padding.w) },
  };
}

export const both = (row: Rsp): { h: Rsp; w: Rsp } => ({ h: row, w: row });
