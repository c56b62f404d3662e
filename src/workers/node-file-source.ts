/**
 * A `ByteSource` over a file on disk (command line, benchmarks). Kept apart from the browser code so
 * that bundling the worker never pulls in `node:fs`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from '../rf/onnx/byte-source.ts';

/** A byte source backed by an open file handle; call `close()` when done. */
export interface FileByteSource extends ByteSource {
  close(): Promise<void>;
}

/** Opens `path` for random-access reads. */
export async function openFileSource(path: string): Promise<FileByteSource> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length) {
        const start = Math.max(0, Math.min(offset, size));
        const n = Math.max(0, Math.min(offset + length, size) - start);
        const buf = new Uint8Array(n);
        let done = 0;
        while (done < n) {
          const { bytesRead } = await handle.read(buf, done, n - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === n ? buf : buf.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
