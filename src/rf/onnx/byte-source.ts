/**
 * Random-access byte sources. The ONNX reader never loads a whole file: it asks for the byte ranges
 * it needs (message headers, names, small tensors) and skips everything else by offset.
 */

/** A file-like object that can hand out any byte range on request. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /**
   * Reads `length` bytes starting at `offset`. May return fewer bytes only at the end of the source.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A source over bytes already in memory (tests, small files). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.length));
      const end = Math.max(start, Math.min(offset + length, bytes.length));
      return Promise.resolve(bytes.subarray(start, end));
    },
  };
}

/** A source over a browser `Blob` or `File`: each read slices the blob, so only that range is loaded. */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, blob.size));
      const end = Math.max(start, Math.min(offset + length, blob.size));
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}
