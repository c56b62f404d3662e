/**
 * Files of other model formats are named, not fed to the protobuf reader. Catches: a ZIP (a PyTorch
 * checkpoint) renamed .onnx reported as "Invalid field number 0 at byte 2".
 */
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../../src/rf/onnx/byte-source.ts';
import { readOnnxModel } from '../../../../src/rf/onnx/reader.ts';
import { detectForeignFormat, ForeignFormatError } from '../../../../src/rf/onnx/signature.ts';
import { GraphBuilder } from './onnx-builder.ts';

const bytes = (...xs: (number | string)[]) =>
  new Uint8Array(xs.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

const SAMPLES = {
  zip: bytes('PK', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0),
  hdf5: bytes(0x89, 'HDF\r\n', 0x1a, '\n', 0, 0, 0, 0, 0, 0, 0, 0),
  tflite: bytes(0x1c, 0, 0, 0, 'TFL3', 0, 0, 0, 0, 0, 0, 0, 0),
  gzip: bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3),
  pickle: bytes(0x80, 2, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46),
  numpy: bytes(0x93, 'NUMPY', 1, 0, 0x76, 0),
  safetensors: bytes(0x40, 0, 0, 0, 0, 0, 0, 0, '{"__metadata__":{}}'),
  text: bytes('{"model": "json"}'),
} as const;

describe('foreign model formats', () => {
  it.each(Object.entries(SAMPLES))('recognises %s by its first bytes', (format, sample) => {
    expect(detectForeignFormat(sample)).toBe(format);
  });

  it('leaves real ONNX files to the reader', () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'c1', 3, { pads: [1, 1, 1, 1] });
    expect(detectForeignFormat(b.build({ inputShape: [1, 3, 8, 8], output: c }).slice(0, 16))).toBeNull();
  });

  it('a ZIP renamed .onnx is "a ZIP archive, not an ONNX model", not a protobuf error', async () => {
    const error = await readOnnxModel(bytesSource(SAMPLES.zip)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForeignFormatError);
    expect((error as Error).message).toMatch(/^This is a ZIP archive .*, not an ONNX model/);
    expect((error as ForeignFormatError).format).toBe('zip');
  });
});
