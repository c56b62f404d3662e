/**
 * The ONNX report's import state machine: idle → reading (the file, then the analysis in the
 * worker) → done or error, for a file the reader opens, an example of the site, or the same file
 * again at another input size. Only the latest request may change the state (a slow import that a
 * newer one overtook is dropped). Everything else the report shows is derived from it.
 *
 *   const model = new OnnxImport({ createImporter });
 *   model.openFile(file); model.openExample('resnet'); model.reanalyse({ h: 64, w: 64 });
 */
import type { Axes } from '../../src/rf';
import type { UiKey } from '../../src/i18n';
import type { OnnxImporter, OnnxReportResult } from '../../src/workers/onnx-client';
import { exampleFile } from './shared/onnx-example-file';
import { afterPaint } from './parts/after-paint';
import { WorkerRegions } from './worker-regions.svelte';
import {
  chartLayers,
  decodeLink,
  encodeLink,
  parseSide,
  pickReport,
  reportBase,
  type ExampleId,
} from './onnx-report';

/**
 * How long the link waits after a pick before it is written (history.replaceState costs a large
 * share of a pick's frame; arrowing through the node list writes once the reader stops).
 */
export const PICK_SAVE_DELAY_MS = 250;

export type ImportStatus = 'idle' | 'reading' | 'done' | 'error';

/**
 * The parts of a report in the order they are drawn, each in a task of its own after the previous
 * one has painted (a 100,000-node model never holds the page for long): what the model is and the
 * figures at the node, the input size fields, the node picker (up to a thousand options), the
 * table's frame, its rows in view (measured by then), the growth chart's frame, its points (drawn
 * at the width the frame measured), the photograph (it asks the worker for regions), then the
 * diagnostics.
 */
export const REPORT_PARTS = [
  'summary',
  'size',
  'picker',
  'table',
  'rows',
  'chart',
  'points',
  'photo',
  'diagnostics',
] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

/** Why the last request failed: a message key, the detail the importer gave, a foreign format's name key. */
export interface ImportFailureView {
  key: UiKey;
  message: string;
  format?: UiKey;
}

export interface ImportProgress {
  loaded: number;
  total: number;
  phase: 'read' | 'analyse';
}

export interface OnnxImportOptions {
  /** Creates the importer on the first file (a Web Worker by default; tests pass an in-process one). */
  createImporter?: () => OnnxImporter;
}

async function workerImporter(): Promise<OnnxImporter> {
  const { createWorkerImporter } = await import('./shared/onnx-worker');
  return createWorkerImporter();
}

/** The message key of an importer's rejection (its `failure.kind`). */
function failureOf(error: unknown): ImportFailureView {
  const failure = (error as { failure?: { kind?: string; format?: string } }).failure;
  if (failure?.format !== undefined)
    return {
      key: 'widget.onnx.err.foreign',
      message: '',
      format: `widget.onnx.format.${failure.format}` as UiKey,
    };
  const keys: Record<string, UiKey> = {
    format: 'widget.onnx.err.format',
    import: 'widget.onnx.err.import',
    internal: 'widget.onnx.err.internal',
  };
  return {
    key: keys[failure?.kind ?? ''] ?? 'widget.onnx.err.worker',
    message: error instanceof Error ? error.message : String(error),
  };
}

export class OnnxImport {
  /** The file on screen (or being read). */
  file = $state.raw<File | null>(null);
  example = $state<ExampleId | null>(null);
  status = $state<ImportStatus>('idle');
  progress = $state.raw<ImportProgress>({ loaded: 0, total: 0, phase: 'read' });
  /** Raw: the rows are large typed arrays and strings, read a few at a time (never proxied). */
  result = $state.raw<OnnxReportResult | null>(null);
  /** Name of the file the report on screen came from (a new file may be loading meanwhile). */
  resultName = $state('');
  failure = $state.raw<ImportFailureView | null>(null);
  /** The last request was a re-analysis at a typed size (its failure belongs next to the size fields). */
  retry = $state(false);
  /** The input size the reader asked for, or null for the size in the file. */
  sizeOverride = $state.raw<Axes<number> | null>(null);
  /** The size fields as typed. */
  sizeText = $state({ h: '', w: '' });
  /** The node the reader picked (it may not exist in the model: then the default one is shown). */
  chosen = $state<string | null>(null);
  unit = $state<Axes<number> | null>(null);
  /** A link made for a file is waiting for the reader to open that file. */
  pendingLink = $state(false);
  /** How many of the REPORT_PARTS of the report on screen are drawn. */
  stage = $state(0);
  /** What the photograph asks for rows and regions of `result.network`: the worker that analysed it. */
  photoAnalysis = $state.raw<WorkerRegions | null>(null);

  /** What the report shows whichever node is picked (a pick recomputes only `report`). */
  readonly #base = $derived(this.result === null ? null : reportBase(this.result));
  readonly report = $derived(this.#base === null ? null : pickReport(this.#base, this.chosen));
  /** The selected row when the chart's own rows leave it out, else −1 (a pick among them redraws nothing). */
  readonly #chartExtra = $derived(
    this.report === null || this.report.rows.chart.includes(this.report.index) ? -1 : this.report.index,
  );
  readonly chart = $derived(
    this.result === null || !this.drawn('chart') ? [] : chartLayers(this.result.rows, this.#chartExtra),
  );
  readonly side = $derived({ h: parseSide(this.sizeText.h), w: parseSide(this.sizeText.w) });
  readonly link = $derived(
    encodeLink({
      example: this.example,
      input: this.sizeOverride,
      node: this.report !== null && this.report.node !== this.report.defaultNode ? this.report.node : null,
    }),
  );

  /** The last change was a pick (its link is written after a pause). Not state: read by the saver. */
  #picked = false;
  #importer: OnnxImporter | null = null;
  #seq = 0;
  #options: OnnxImportOptions;

  constructor(options: OnnxImportOptions = {}) {
    this.#options = options;
  }

  /** Whether `part` of the report on screen is drawn yet. */
  drawn(part: ReportPart): boolean {
    return this.stage > REPORT_PARTS.indexOf(part);
  }

  /** Applies a link: an example is opened at once; a file's size and node wait for that file. */
  restore(text: string | null): void {
    const link = decodeLink(text);
    this.#picked = false;
    this.chosen = link.node;
    this.sizeOverride = link.input;
    if (link.example !== null) void this.openExample(link.example, link.input);
    else if (link.input !== null || link.node !== null) this.pendingLink = true;
  }

  /** The text of the link (undefined while a link waits for its file: the address keeps it). */
  save(): string | null | undefined {
    return this.pendingLink ? undefined : this.link;
  }

  /** Milliseconds before the link is written: a pause after a pick, else at once. */
  saveDelay(): number {
    const picked = this.#picked;
    this.#picked = false;
    return picked ? PICK_SAVE_DELAY_MS : 0;
  }

  openFile(next: File | undefined): void {
    if (next === undefined) return;
    this.#picked = false;
    this.retry = false;
    this.example = null;
    this.unit = null;
    if (this.pendingLink) this.pendingLink = false;
    else {
      this.chosen = null;
      this.sizeOverride = null;
    }
    void this.#run(next, this.sizeOverride);
  }

  async openExample(which: ExampleId, input: Axes<number> | null = null): Promise<void> {
    this.example = which;
    this.#picked = false;
    this.pendingLink = false;
    this.retry = false;
    this.unit = null;
    if (input === null) {
      this.chosen = null;
      this.sizeOverride = null;
    }
    const seq = ++this.#seq;
    let file: File;
    try {
      file = await exampleFile(which);
    } catch (error) {
      if (seq !== this.#seq) return;
      this.status = 'error';
      this.failure = { key: 'widget.onnx.err.example', message: error instanceof Error ? error.message : '' };
      return;
    }
    if (seq === this.#seq) void this.#run(file, input);
  }

  /** Reads the file on screen again at the typed size (when both fields are valid). */
  applySize(): void {
    const { h, w } = this.side;
    if (!h.ok || !w.ok) return;
    this.reanalyse({ h: h.value, w: w.value });
  }

  /** Reads the file on screen again at `size`, or at the size in the file (null). */
  reanalyse(size: Axes<number> | null): void {
    if (this.file === null) return;
    this.#picked = false;
    this.sizeOverride = size;
    this.unit = null;
    this.retry = true;
    void this.#run(this.file, size);
  }

  select(name: string): void {
    this.#picked = true;
    this.chosen = name;
    this.unit = null;
  }

  async #run(next: File, input: Axes<number> | null): Promise<void> {
    const seq = ++this.#seq;
    this.file = next;
    this.status = 'reading';
    this.failure = null;
    this.progress = { loaded: 0, total: next.size, phase: 'read' };
    if (next.size === 0) {
      this.status = 'error';
      this.failure = { key: 'widget.onnx.err.empty', message: '' };
      this.result = null;
      return;
    }
    try {
      this.#importer ??= this.#options.createImporter
        ? this.#options.createImporter()
        : await workerImporter();
    } catch (error) {
      if (seq !== this.#seq) return;
      this.status = 'error';
      this.failure = { key: 'widget.onnx.err.worker', message: error instanceof Error ? error.message : '' };
      return;
    }
    try {
      const imported = await this.#importer.import(next, {
        ...(input !== null ? { input } : {}),
        onProgress: (loaded, total, phase) => {
          if (seq === this.#seq) this.progress = { loaded, total, phase };
        },
      });
      if (seq !== this.#seq) return;
      // A re-analysis keeps the size fields it was asked from (and the focus in them) on screen.
      this.stage = this.retry && this.drawn('size') ? REPORT_PARTS.indexOf('size') + 1 : 1;
      const ask = this.#importer.region?.bind(this.#importer);
      const of = imported.regionsOf;
      this.photoAnalysis =
        imported.layers === null || of === null || ask === undefined
          ? null
          : new WorkerRegions(imported.layers, imported.ok, (node, unit) => ask(of, node, unit));
      this.result = imported;
      this.resultName = next.name;
      this.sizeText = { h: String(imported.model.input.size.h), w: String(imported.model.input.size.w) };
      this.status = 'done';
      const more = () => {
        if (seq !== this.#seq || this.stage >= REPORT_PARTS.length) return;
        this.stage++;
        afterPaint(more);
      };
      afterPaint(more);
    } catch (error) {
      if (seq !== this.#seq) return;
      this.status = 'error';
      this.failure = failureOf(error);
      // A failed re-analysis keeps nothing stale on screen: the report goes with the file it came from.
      this.result = null;
    }
  }
}
