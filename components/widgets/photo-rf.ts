/**
 * View model of PhotoRf: which zoo models and which of their layers the reader can pick, the objects of
 * the photograph to compare an RF with, and the widget's state in the URL. The RF numbers themselves
 * come from the engine (through RfOnImage's view model).
 */
import type { Analysis, Axes } from '../../src/rf';
import { PHOTO_SIZE } from './rf-on-image';

/** A layer the reader can pick: a short label and the node's name in the model's graph. */
export interface PhotoLayer {
  key: string;
  node: string;
}

/** A model of the picker and the layers offered for it, shallow to deep (the last is the zoo's endpoint). */
export interface PhotoModel {
  id: string;
  layers: PhotoLayer[];
}

const scoped = (scope: string, names: string[]): PhotoLayer[] =>
  names.map((key) => ({ key, node: `${scope}/${key}` }));
const plain = (names: string[]): PhotoLayer[] => names.map((key) => ({ key, node: key }));

/** The picker's models; node names follow the original TF-slim scopes. */
export const PHOTO_MODELS: PhotoModel[] = [
  { id: 'alexnet_v2', layers: scoped('alexnet_v2', ['pool1', 'pool2', 'conv5', 'pool5']) },
  { id: 'vgg_16', layers: scoped('vgg_16', ['pool1', 'pool2', 'pool3', 'pool4', 'pool5']) },
  {
    id: 'mobilenet_v1',
    layers: plain(['Conv2d_3_pointwise', 'Conv2d_5_pointwise', 'Conv2d_11_pointwise', 'Conv2d_13_pointwise']),
  },
  { id: 'resnet_v1_50', layers: scoped('resnet_v1_50', ['block1', 'block2', 'block3', 'block4']) },
  { id: 'resnet_v1_101', layers: scoped('resnet_v1_101', ['block1', 'block2', 'block3', 'block4']) },
  { id: 'inception_v3', layers: plain(['MaxPool_5a_3x3', 'Mixed_5d', 'Mixed_6e', 'Mixed_7c']) },
];

/** The objects of the photograph the reader can compare an RF with. */
export type ObjectKey = 'patch' | 'face' | 'astronaut';

/**
 * The reader's choice: a model, one of its layers, a unit (null: the middle one), an object to compare
 * and whether the grid of RF centres is drawn.
 */
export interface Selection {
  model: string;
  layer: string;
  unit: Axes<number> | null;
  object: ObjectKey | null;
  centres: boolean;
}

/** What the widget shows when the URL says nothing. */
export const DEFAULT_SELECTION: Selection = {
  model: 'resnet_v1_50',
  layer: 'block2',
  unit: null,
  object: null,
  centres: true,
};

/** The picker entry of `id`, or the default model. */
export function photoModel(id: string): PhotoModel {
  return (
    PHOTO_MODELS.find((m) => m.id === id) ??
    (PHOTO_MODELS.find((m) => m.id === DEFAULT_SELECTION.model) as PhotoModel)
  );
}

/** The layer `key` of `model`, or its last layer (the endpoint). */
export function photoLayer(model: PhotoModel, key: string): PhotoLayer {
  return model.layers.find((l) => l.key === key) ?? (model.layers[model.layers.length - 1] as PhotoLayer);
}

/** True when `s` is what the widget shows by default (the URL then stays clean). */
export function isDefaultSelection(s: Selection): boolean {
  return formatSelection(s) === formatSelection(DEFAULT_SELECTION);
}

/**
 * The URL form of a selection: `model.layer.row.column.object`, `m` for the middle unit, `-` for no
 * object, and `.nogrid` at the end when the RF centres are hidden.
 */
export function formatSelection(s: Selection): string {
  const unit = s.unit === null ? 'm.m' : `${s.unit.h}.${s.unit.w}`;
  return `${s.model}.${s.layer}.${unit}.${s.object ?? '-'}${s.centres ? '' : '.nogrid'}`;
}

const OBJECT_KEYS: readonly string[] = ['patch', 'face', 'astronaut'];

/** A selection from its URL form; an unknown model gives null, other bad parts fall back, never throw. */
export function parseSelection(text: string | null): Selection | null {
  if (text === null || text === '') return null;
  const [modelId = '', layerKey = '', h = 'm', w = 'm', object = '-', grid = ''] = text.split('.');
  const model = PHOTO_MODELS.find((m) => m.id === modelId);
  if (model === undefined) return null;
  const layer = photoLayer(model, layerKey);
  const row = /^\d{1,4}$/.test(h) ? Number(h) : null;
  const column = /^\d{1,4}$/.test(w) ? Number(w) : null;
  return {
    model: model.id,
    layer: layer.key,
    unit: row !== null && column !== null ? { h: row, w: column } : null,
    object: OBJECT_KEYS.includes(object) ? (object as ObjectKey) : null,
    centres: grid !== 'nogrid',
  };
}

/** An object of the photograph, as a box in the photograph's own 512-pixel frame (measured by eye). */
export interface PhotoObject {
  key: ObjectKey;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const PHOTO_OBJECTS: PhotoObject[] = [
  { key: 'patch', x: 134, y: 346, width: 78, height: 78 },
  { key: 'face', x: 150, y: 14, width: 152, height: 152 },
  { key: 'astronaut', x: 18, y: 14, width: 352, height: 498 },
];

/** An object's box in the network's input frame (the photo is scaled from 512 px to the input size). */
export function objectBox(
  object: PhotoObject,
  input: Axes<number>,
): { x: number; y: number; width: number; height: number } {
  const sx = input.w / PHOTO_SIZE;
  const sy = input.h / PHOTO_SIZE;
  return { x: object.x * sx, y: object.y * sy, width: object.width * sx, height: object.height * sy };
}

/** The object's larger side: rounded input pixels, and pixels of the 512-pixel photograph. */
export function objectSize(object: PhotoObject, input: Axes<number>): { input: number; photo: number } {
  const box = objectBox(object, input);
  return { input: Math.round(Math.max(box.width, box.height)), photo: Math.max(object.width, object.height) };
}

/** The object's centre in input pixels (to move the selection there). */
export function objectCentre(object: PhotoObject, input: Axes<number>): Axes<number> {
  const box = objectBox(object, input);
  return { h: box.y + box.height / 2, w: box.x + box.width / 2 };
}

/** How an RF of size `rf` compares with an object of `extent` pixels (its larger side). */
export function coverage(rf: number, extent: number): 'smaller' | 'similar' | 'larger' {
  if (rf < 0.8 * extent) return 'smaller';
  if (rf > 1.25 * extent) return 'larger';
  return 'similar';
}

/** RF size (height) of every offered layer of `model`, from one analysis of the network. */
export function layerRfs(analysis: Analysis, model: PhotoModel): Record<string, number> {
  const rows = new Map(analysis.layers.map((l) => [l.name, l.rf.h]));
  return Object.fromEntries(model.layers.map((l) => [l.key, rows.get(l.node) ?? 0]));
}
