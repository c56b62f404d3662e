/**
 * Recognising files that are not ONNX by their first bytes, so a renamed PyTorch checkpoint or Keras
 * file is named as what it is ("this is a ZIP archive") instead of failing deep in the protobuf reader.
 * Signatures: ZIP "PK\x03\x04" (PyTorch .pt/.pth since 1.6, Keras 3 .keras, .zip); HDF5
 * "\x89HDF\r\n\x1a\n" (Keras .h5); TensorFlow Lite FlatBuffer with identifier "TFL3" at byte 4; gzip
 * 1f 8b; Python pickle protocol 2–5 "\x80\x02…\x05" (PyTorch before 1.6); NumPy "\x93NUMPY";
 * safetensors: a little-endian u64 header length followed by "{"; text (JSON, HTML, Python) that starts
 * with a printable character ONNX never starts with. A TensorFlow SavedModel .pb is itself protobuf and
 * cannot be told apart by its first bytes; the reader reports it by its fields.
 */
import { OnnxFormatError } from './wire.ts';

export type ForeignFormat = 'zip' | 'hdf5' | 'tflite' | 'gzip' | 'pickle' | 'numpy' | 'safetensors' | 'text';

/** Bytes the detector looks at. */
export const SIGNATURE_BYTES = 16;

const starts = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The format of a file that is certainly not ONNX, from its first bytes; null when it may be ONNX. */
export function detectForeignFormat(head: Uint8Array): ForeignFormat | null {
  if (starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts(head, [0x89, ...ascii('HDF\r\n'), 0x1a, 0x0a])) return 'hdf5';
  if (starts(head, ascii('TFL3'), 4)) return 'tflite';
  if (starts(head, [0x1f, 0x8b])) return 'gzip';
  if (head[0] === 0x80 && (head[1] ?? 0) >= 2 && (head[1] ?? 0) <= 5) return 'pickle';
  if (starts(head, [0x93, ...ascii('NUMPY')])) return 'numpy';
  if (head.length >= 9 && head[8] === 0x7b && head[6] === 0 && head[7] === 0) return 'safetensors';
  // ONNX starts with a field tag (ir_version is field 1, tag 0x08); these printable openings are text.
  const first = head[0];
  if (first !== undefined && (first === 0x7b || first === 0x3c || first === 0x23 || first === 0x5b))
    return 'text';
  return null;
}

/** What each format is, for messages. */
export const FORMAT_NAMES: Record<ForeignFormat, string> = {
  zip: 'a ZIP archive (a PyTorch .pt/.pth checkpoint or a Keras .keras file is one)',
  hdf5: 'an HDF5 file (a Keras .h5 model)',
  tflite: 'a TensorFlow Lite model (.tflite)',
  gzip: 'a gzip-compressed file',
  pickle: 'a Python pickle (an older PyTorch checkpoint)',
  numpy: 'a NumPy array file (.npy)',
  safetensors: 'a safetensors weights file',
  text: 'a text file (JSON, HTML or source code)',
};

/** Thrown for a file recognised as another format; `format` lets a page say it in its own language. */
export class ForeignFormatError extends OnnxFormatError {
  readonly format: ForeignFormat;
  constructor(format: ForeignFormat) {
    super(`This is ${FORMAT_NAMES[format]}, not an ONNX model: export the network to ONNX first.`);
    this.format = format;
  }
}
