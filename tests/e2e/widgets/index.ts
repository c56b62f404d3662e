/**
 * Interaction tests for the widgets, keyed by their `data-widget` name. The end-to-end suite fails
 * when the built site contains a widget that has no entry here.
 *
 * To add one: write `tests/e2e/widgets/<name>.ts` with a default export of type
 * `WidgetInteraction` (see `types.ts` and `layer-stack-1d.ts`), then import it below and add it to
 * the map under the widget's `data-widget` name.
 */
import type { WidgetInteraction } from './types';
import erfFigureGrid from './erf-figure-grid';
import erfPlayground from './erf-playground';
import erfOnPhoto from './erf-on-photo';
import photoRf from './photo-rf';
import accuracyRfChart from './accuracy-rf-chart';
import calculator from './calculator';
import famousNetworks from './famous-networks';
import layerStack1d from './layer-stack-1d';
import exercise from './exercise';
import rfGrid2d from './rf-grid-2d';
import convArithmetic from './conv-arithmetic';
import workedExample from './worked-example';
import onnxReport from './onnx-report';
import designer from './designer';
import alignment from './alignment';

export const widgetInteractions: Readonly<Record<string, WidgetInteraction>> = {
  'erf-figure-grid': erfFigureGrid,
  'erf-playground': erfPlayground,
  'erf-on-photo': erfOnPhoto,
  'photo-rf': photoRf,
  'accuracy-rf-chart': accuracyRfChart,
  'worked-example': workedExample,
  calculator,
  'famous-networks': famousNetworks,
  'conv-arithmetic': convArithmetic,
  'rf-grid-2d': rfGrid2d,
  exercise,
  'layer-stack-1d': layerStack1d,
  'onnx-report': onnxReport,
  designer,
  alignment,
};

export type { WidgetInteraction };
