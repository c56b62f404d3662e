import { fireEvent, render, waitFor } from '@testing-library/svelte';
import OnnxReport from '../../components/widgets/OnnxReport.svelte';
import { createOnnxImporter, type OnnxImporter } from '../../src/workers/onnx-client';
import { importJob, ONNX_SERVE } from '../../src/workers/onnx-job';
import { inProcessWorker } from '../unit/workers/in-process-worker';
import {
  buildReport,
  decodeLink,
  encodeLink,
  formatBytes,
  parseSide,
} from '../../components/widgets/onnx-report';
import { writeOnnx } from '../../components/widgets/shared/onnx-writer';
import { exampleBytes } from '../../components/widgets/shared/onnx-examples';
import { GraphBuilder } from '../unit/rf/onnx/onnx-builder';

// jsdom has no ResizeObserver (the table and the growth chart measure themselves with one).
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

/** The importer's own worker job, served in-process behind the worker's message interface. */
function inProcessImporter(): OnnxImporter {
  return createOnnxImporter(() => inProcessWorker(importJob, ONNX_SERVE));
}

/** Input 5×5, two 3×3 convolutions with stride 2 and padding 1 (the lecture's example). */
function lectureBytes(): Uint8Array<ArrayBuffer> {
  const b = new GraphBuilder();
  const c1 = b.conv('x', 'c1', 3, { s: 2, pads: [1, 1, 1, 1], cout: 4 });
  const r = b.node('Relu', [c1], {}, 'relu');
  const c2 = b.conv(r, 'c2', 3, { s: 2, pads: [1, 1, 1, 1], cin: 4, cout: 4 });
  return b.build({ inputShape: [1, 3, 5, 5], output: c2 });
}

/** A conv, then an operator the importer does not know (a custom domain). */
function stoppingBytes(): Uint8Array<ArrayBuffer> {
  const b = new GraphBuilder();
  const c1 = b.conv('x', 'c1', 3, { pads: [1, 1, 1, 1] });
  b.nodes.push({ op: 'Warp', domain: 'com.example', inputs: [c1], outputs: ['w:0'], name: 'warp' });
  const c2 = b.conv('w:0', 'c2', 3, {});
  return b.build({
    inputShape: [1, 1, 8, 8],
    output: c2,
    extraOpsets: [{ domain: 'com.example', version: 1 }],
  });
}

const fileOf = (bytes: Uint8Array<ArrayBuffer>, name: string) => new File([bytes], name);

async function open(container: HTMLElement, file: File) {
  const input = container.querySelector<HTMLInputElement>('[data-file-input]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await fireEvent.change(input);
}

/** The report is drawn in parts, the summary first: waits until the table's rows are in too. */
const rowsDrawn = (container: HTMLElement) =>
  waitFor(() => expect(container.querySelector('[data-node-table] tr[data-row]')).not.toBeNull());

const cells = (container: HTMLElement, name: string) => {
  const row = container.querySelector(`tr[data-row="${name}"]`);
  return Object.fromEntries(
    ['n', 'j', 'r', 'start', 'S', 'P'].map((c) => [
      c,
      row?.querySelector(`td[data-col="${c}"]`)?.textContent?.trim(),
    ]),
  );
};

describe('OnnxReport', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it("reads the lecture's example from an ONNX file: r, S and P per node worked out by hand", async () => {
    const { container } = render(OnnxReport, { locale: 'en', createImporter: inProcessImporter });
    await open(container, fileOf(lectureBytes(), 'lecture.onnx'));
    await waitFor(() => expect(container.querySelector('[data-report]')).not.toBeNull());
    await rowsDrawn(container);
    // c1: n = ⌊(5 + 2 − 3)/2⌋ + 1 = 3, r = 3, j = S = 2, start = 0.5 + (1 − 1)·1 = 0.5, P = 1.5 − 0.5 = 1.
    expect(cells(container, 'c1')).toEqual({ n: '3', j: '2', r: '3', start: '0.5', S: '2', P: '1' });
    // ReLU changes nothing spatially.
    expect(cells(container, 'relu')).toEqual(cells(container, 'c1'));
    // c2: n = ⌊(3 + 2 − 3)/2⌋ + 1 = 2, r = 3 + 2·2 = 7, S = 4, start = 0.5 + (1 − 1)·2 = 0.5, P = 3.5 − 0.5 = 3.
    expect(cells(container, 'c2')).toEqual({ n: '2', j: '4', r: '7', start: '0.5', S: '4', P: '3' });
    // The ONNX operator names fill the operation column; the default node is the last spatial one.
    expect(container.querySelector('tr[data-row="c2"] td.op')?.textContent).toBe('Conv');
    const at = container.querySelector('[data-at]')!;
    expect(at.getAttribute('data-at')).toBe('c2');
    expect(at.querySelector('[data-value="r"]')?.textContent).toBe('7');
    expect(at.querySelector('[data-value="S"]')?.textContent).toBe('4');
    expect(at.querySelector('[data-value="P"]')?.textContent).toBe('3');
    expect(container.querySelector('[data-alignment]')?.getAttribute('data-alignment')).toBe('ok');
    expect(container.querySelector('[data-complete]')).not.toBeNull();
    expect(container.querySelector('[data-node-count]')?.textContent).toBe('3');
    expect(container.textContent).not.toMatch(/NaN|undefined/);

    // Picking another node updates the figures and the link.
    const select = container.querySelector<HTMLSelectElement>('[data-node-select]')!;
    select.value = 'c1';
    await fireEvent.change(select);
    await waitFor(() => expect(container.querySelector('[data-at]')?.getAttribute('data-at')).toBe('c1'));
    // The link of a pick is written after a short pause.
    await waitFor(() => expect(new URL(window.location.href).searchParams.get('onnx')).toBe('at=c1'));
  });

  it('re-analyses at another input size and rejects a bad size next to the field', async () => {
    const { container } = render(OnnxReport, { locale: 'en', createImporter: inProcessImporter });
    await open(container, fileOf(lectureBytes(), 'lecture.onnx'));
    await waitFor(() => expect(container.querySelector('[data-report]')).not.toBeNull());
    await rowsDrawn(container);
    const h = container.querySelector<HTMLInputElement>('[data-size-input="h"]')!;
    const w = container.querySelector<HTMLInputElement>('[data-size-input="w"]')!;
    await fireEvent.input(h, { target: { value: 'abc' } });
    expect(h.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-error="size-h"]')?.textContent).toContain('whole number');
    await fireEvent.input(h, { target: { value: '9' } });
    await fireEvent.input(w, { target: { value: '9' } });
    await fireEvent.submit(h.form!);
    // n = 9: c1 → 5, c2 → 3; r, S and P stay 7, 4, 3.
    await waitFor(() => expect(cells(container, 'c2').n).toBe('3'));
    expect(cells(container, 'c2')).toMatchObject({ r: '7', S: '4', P: '3' });
    expect(new URL(window.location.href).searchParams.get('onnx')).toBe('in=9x9');
  });

  it('re-analyses at a size the network does not fit: the report stops there, the size stays editable', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'valid', 3, {});
    const bytes = b.build({ inputShape: [1, 1, 5, 5], output: c });
    const { container } = render(OnnxReport, { locale: 'en', createImporter: inProcessImporter });
    await open(container, fileOf(bytes, 'valid.onnx'));
    await waitFor(() => expect(cells(container, 'valid').r).toBe('3'));
    const h = container.querySelector<HTMLInputElement>('[data-size-input="h"]')!;
    await fireEvent.input(h, { target: { value: '2' } });
    await fireEvent.submit(h.form!);
    // A 3×3 window without padding does not fit a 2-pixel side: the importer stops there and says so.
    await waitFor(() =>
      expect(container.querySelector('[data-stopped-at]')?.textContent).toContain('does not fit'),
    );
    expect(container.querySelector('tr[data-row="valid"]')).toBeNull();
    expect(container.querySelector('[data-import-error]')).toBeNull();
    expect(container.textContent).not.toMatch(/NaN/);
    // Letters instead of a number: the message is next to the field and nothing is re-read.
    await fireEvent.input(h, { target: { value: 'x' } });
    expect(h.form!.querySelector('[data-error="size-h"]')).not.toBeNull();
    expect(h.form!.querySelector<HTMLButtonElement>('[data-apply-size]')!.disabled).toBe(true);
    // Back to the size in the file: the report returns.
    await fireEvent.input(h, { target: { value: '5' } });
    await fireEvent.submit(h.form!);
    await waitFor(() => expect(cells(container, 'valid')).toMatchObject({ n: '3', r: '3', P: '0' }));
  });

  it('applies a link made for a file once the reader opens that file', async () => {
    window.history.replaceState(null, '', '/?onnx=in%3D9x9%3Bat%3Dc1');
    const { container } = render(OnnxReport, { locale: 'en', createImporter: inProcessImporter });
    await waitFor(() => expect(container.querySelector('.note')?.textContent).toContain('open that file'));
    expect(new URL(window.location.href).searchParams.get('onnx')).toBe('in=9x9;at=c1');
    await open(container, fileOf(lectureBytes(), 'lecture.onnx'));
    await waitFor(() => expect(container.querySelector('[data-at]')?.getAttribute('data-at')).toBe('c1'));
    await rowsDrawn(container);
    expect(cells(container, 'c1').n).toBe('5');
    expect(new URL(window.location.href).searchParams.get('onnx')).toBe('in=9x9;at=c1');
  });

  it('says where the report stops and lists the unknown operator', async () => {
    const { container } = render(OnnxReport, { locale: 'en', createImporter: inProcessImporter });
    await open(container, fileOf(stoppingBytes(), 'custom.onnx'));
    await waitFor(() => expect(container.querySelector('[data-stopped-at]')).not.toBeNull());
    await rowsDrawn(container);
    const stop = container.querySelector('[data-stopped-at]')!;
    expect(stop.getAttribute('data-stopped-at')).toBe('warp');
    expect(stop.textContent).toContain('The report stops at node warp (op com.example.Warp)');
    expect(container.querySelector('[data-unsupported]')?.textContent).toContain('Warp');
    expect(container.querySelector('tr[data-row="c2"]')).toBeNull();
    expect(cells(container, 'c1')).toMatchObject({ r: '3', S: '1', P: '1' });
  });

  it('shows a clear message next to the drop zone for a corrupt, an empty and a non-ONNX file', async () => {
    const { container } = render(OnnxReport, { locale: 'en', createImporter: inProcessImporter });
    const bytes = lectureBytes();
    await open(container, fileOf(bytes.slice(0, Math.floor(bytes.length / 2)), 'cut.onnx'));
    await waitFor(() => expect(container.querySelector('[data-import-error]')).not.toBeNull());
    const error = () => container.querySelector('[data-import-error]')!;
    expect(error().textContent).toContain('not a readable ONNX file');
    expect(error().textContent).toContain('cut.onnx');
    expect(container.querySelector('[data-file-input]')?.getAttribute('aria-describedby')).toBe(error().id);
    expect(container.querySelector('[data-report]')).toBeNull();

    await open(container, fileOf(new Uint8Array(0), 'empty.onnx'));
    await waitFor(() => expect(error().textContent).toContain('The file is empty'));

    await open(container, new File(['{"hello": "this is JSON"}'], 'notes.json'));
    await waitFor(() => expect(error().textContent).toContain('notes.json'));
    expect(error().textContent).toMatch(/ONNX/);
    expect(container.textContent).not.toMatch(/NaN/);
  });

  it('names a ZIP, an HDF5 and a TFLite file renamed .onnx, in English and Russian', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const hdf5 = new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]);
    const tflite = new Uint8Array([0x1c, 0, 0, 0, 0x54, 0x46, 0x4c, 0x33, 0, 0, 0, 0, 0, 0, 0, 0]);
    const en = render(OnnxReport, { locale: 'en', createImporter: inProcessImporter }).container;
    const error = (c: HTMLElement) => c.querySelector('[data-import-error]')?.textContent ?? '';
    await open(en, fileOf(zip, 'resnet.onnx'));
    await waitFor(() => expect(error(en)).toContain('This is a ZIP archive'));
    expect(error(en)).toContain('not an ONNX model');
    expect(error(en)).not.toContain('Invalid field number');
    await open(en, fileOf(hdf5, 'model.onnx'));
    await waitFor(() => expect(error(en)).toContain('HDF5 file (a Keras .h5 model)'));
    await open(en, fileOf(tflite, 'model.onnx'));
    await waitFor(() => expect(error(en)).toContain('TensorFlow Lite'));
    const ru = render(OnnxReport, { locale: 'ru', createImporter: inProcessImporter }).container;
    await open(ru, fileOf(zip, 'resnet.onnx'));
    await waitFor(() => expect(error(ru)).toContain('Это ZIP-архив'));
    expect(error(ru)).not.toContain('This is');
  });

  it('reports an importer that cannot run instead of waiting forever', async () => {
    const broken = (): OnnxImporter => ({ import: () => Promise.reject(new Error('worker script failed')) });
    const { container } = render(OnnxReport, { locale: 'en', createImporter: broken });
    await open(container, fileOf(lectureBytes(), 'lecture.onnx'));
    await waitFor(() => expect(container.querySelector('[data-import-error]')).not.toBeNull());
    expect(container.querySelector('[data-import-error]')!.textContent).toContain('could not run');
    expect(container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('error');
  });

  it('opens the residual example and flags its squeeze-and-excitation context, in Russian too', async () => {
    // The site serves the example files (written at build time; the e2e suite fetches the real ones).
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      return new Response(exampleBytes('resnet'));
    });
    onTestFinished(() => void vi.unstubAllGlobals());
    const { container } = render(OnnxReport, { locale: 'ru', createImporter: inProcessImporter });
    await fireEvent.click(container.querySelector('[data-example="resnet"]')!);
    await waitFor(() => expect(container.querySelector('[data-at]')).not.toBeNull(), { timeout: 5000 });
    expect(container.querySelector('[data-at]')?.getAttribute('data-at')).toBe('pool');
    expect(container.querySelector('[data-global-context]')?.getAttribute('data-global-context')).toBe(
      'block.se.scale',
    );
    expect(container.textContent).toContain('Глобальный контекст');
    expect(new URL(window.location.href).searchParams.get('onnx')).toBe('ex=resnet');
    expect(requested).toEqual(['/examples/small-resnet-se.onnx']);
  });

  it("says in the reader's language when an example cannot be fetched", async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
    onTestFinished(() => void vi.unstubAllGlobals());
    const { container } = render(OnnxReport, { locale: 'en', createImporter: inProcessImporter });
    await fireEvent.click(container.querySelector('[data-example="lecture"]')!);
    await waitFor(() => expect(container.textContent).toContain('The example model could not be loaded'));
    expect(container.textContent).toContain('HTTP 404');
  });
});

describe('onnx-report view model', () => {
  it('round-trips the link state and ignores junk', () => {
    const state = { example: null, input: { h: 64, w: 48 }, node: 'layer;1=a' };
    expect(decodeLink(encodeLink(state))).toEqual(state);
    expect(decodeLink('in=0x5;at=%E0%A4%A;ex=nope')).toEqual({ example: null, input: null, node: null });
    expect(encodeLink({ example: null, input: null, node: null })).toBeNull();
  });

  it('parses sides and formats bytes', () => {
    expect(parseSide(' 224 ')).toEqual({ ok: true, value: 224 });
    expect(parseSide('0').ok).toBe(false);
    expect(parseSide('1.5').ok).toBe(false);
    expect(parseSide('5000')).toEqual({ ok: false, reason: 'tooLarge' });
    expect(formatBytes(812, 'en')).toBe('812 B');
    expect(formatBytes(97_800_000, 'en')).toBe('97.8 MB');
  });

  it('writes files the importer reads: the example writer agrees with the test builder', async () => {
    const bytes = writeOnnx({
      producer: 'p',
      opset: 13,
      graphName: 'g',
      inputs: [
        { name: 'x', shape: ['N', 1, 5, 5] },
        { name: 'w', shape: [1, 1, 3, 3] },
      ],
      outputs: [{ name: 'y', shape: ['N', 1, 2, 2] }],
      nodes: [
        {
          op: 'Conv',
          name: 'c',
          inputs: ['x', 'w'],
          outputs: ['y'],
          attrs: { strides: [2, 2], pads: [1, 1, 1, 1] },
        },
      ],
    });
    const result = await inProcessImporter().import(new File([bytes], 'w.onnx'));
    const report = buildReport(result, null);
    expect(report.node).toBe('c');
    expect(report.summary).toMatchObject({ n: '3', r: '3', S: '2', P: '1' });
  });
});
