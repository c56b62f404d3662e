export * from './types.ts';
export { perAxis, mapAxes, both, AXES, type Axis } from './axes.ts';
export {
  ratio,
  ratioAdd,
  ratioSub,
  ratioMul,
  ratioDiv,
  ratioEquals,
  ratioCompare,
  ratioFloor,
  ratioCeil,
  isIntegerRatio,
  toNumber,
  formatRatio,
  ratioString,
  type Ratio,
} from './ratio.ts';
export type { RfIssue, IssueCode } from './issues.ts';
export { effectiveKernel, type Op1D } from './op1d.ts';
export {
  outputSize,
  jump,
  startCentre,
  rfSize,
  effectiveStride,
  effectivePadding,
  effectivePaddingStep,
} from './recurrences.ts';
export { resolvePadding, resolveSidePad, tfSamePadding, torchSamePadding } from './padding.ts';
export { analyze, type Analysis, type LayerResult, type Misalignment } from './analyze.ts';
export type { Interval } from './intervals.ts';
export { rectsArea, rectsContain, rectsProjections, type Rect } from './cells.ts';
export { traceUnit, type UnitTrace } from './trace.ts';
export { unitRegion, type UnitRegion } from './unit-region.ts';
export { stackToNetwork, layerStem } from './stack.ts';
export { parseStack, formatStack, type ParsedStack, type StackError } from './stack-grammar.ts';
export {
  diagnose,
  diagnoseSteps,
  type DiagnoseOptions,
  type Diagnosis,
  type LayerDiagnosis,
} from './diagnose.ts';
export type { PathRf } from './path-rf.ts';
export type { InputRange } from './input-range.ts';
export type { LayerBorder } from './border-layers.ts';
