/**
 * A minimal protobuf wire-format walker over a `ByteSource`.
 *
 * Only the outer layers of an ONNX file are walked here (model → graph → tensor headers), so that
 * length-delimited payloads such as `raw_data` can be skipped by offset without being read. Every
 * loop step consumes at least one byte and every nested length is checked against its parent's
 * end, so a walk over a corrupt file ends (with `OnnxFormatError`) after at most `size` steps.
 */
import type { ByteSource } from './byte-source.ts';

/** The file is not a well-formed ONNX protobuf (truncated, corrupted, or something else). */
export class OnnxFormatError extends Error {
  override name = 'OnnxFormatError';
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

/** One decoded field header. For `WIRE_LEN`, `start`/`end` delimit the payload. */
export interface FieldHeader {
  field: number;
  wire: number;
  /** Value of a varint field (numbers beyond 2^53 lose precision; negative int64 are sign-corrected). */
  value: number;
  start: number;
  end: number;
}

/** Read-ahead window: starts at 64 KB and doubles (up to 1 MB) while reads stay close together. */
const CHUNK = 1 << 16;
const MAX_WINDOW = 1 << 20;

/** A cursor with a read-ahead window over a byte source. */
export class SourceCursor {
  pos = 0;
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  /** Bytes fetched from the source so far (for diagnostics and tests). */
  bytesFetched = 0;
  /** Number of reads issued to the source. */
  reads = 0;
  private window = CHUNK;

  constructor(readonly source: ByteSource) {}

  get size(): number {
    return this.source.size;
  }

  /** Makes sure [pos, pos + n) is buffered (or as much as exists before `limit`). */
  private async ensure(n: number, limit: number): Promise<void> {
    const want = Math.min(n, limit - this.pos);
    if (this.pos >= this.bufStart && this.pos + want <= this.bufStart + this.buf.length) return;
    // Many small skipped payloads in a row (small initializers): fewer, larger reads.
    const gap = this.pos - (this.bufStart + this.buf.length);
    this.window = gap >= 0 && gap < MAX_WINDOW ? Math.min(this.window * 2, MAX_WINDOW) : CHUNK;
    const length = Math.min(Math.max(want, this.window), this.source.size - this.pos);
    const data = await this.source.read(this.pos, length);
    this.reads++;
    this.bytesFetched += data.length;
    this.buf = data;
    this.bufStart = this.pos;
    if (data.length < want)
      throw new OnnxFormatError(`Unexpected end of file at byte ${this.pos + data.length}.`);
  }

  /** Reads a base-128 varint that must end before `limit`. Returns a JS number (int64 sign-corrected). */
  async varint(limit: number): Promise<number> {
    await this.ensure(10, limit);
    let lo = 0;
    let hi = 0;
    let i = 0;
    const base = this.pos - this.bufStart;
    for (;;) {
      if (this.pos + i >= limit || i >= 10)
        throw new OnnxFormatError(`Malformed varint at byte ${this.pos}.`);
      const b = this.buf[base + i]!;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      i++;
      if ((b & 0x80) === 0) break;
    }
    this.pos += i;
    if (hi & 0x80000000) {
      // Two's-complement negative int64.
      return -((~hi >>> 0) * 4294967296 + (~lo >>> 0) + 1);
    }
    return (hi >>> 0) * 4294967296 + (lo >>> 0);
  }

  /** Reads exactly `n` bytes (which must lie before `limit`); the bytes are the caller's to keep. */
  async bytes(n: number, limit: number): Promise<Uint8Array> {
    return this.#read(n, limit, true);
  }

  /**
   * Reads exactly `n` bytes like `bytes`, without copying them out of the read-ahead window: the
   * view is valid only until the next read, for decoding on the spot.
   */
  async view(n: number, limit: number): Promise<Uint8Array> {
    return this.#read(n, limit, false);
  }

  async #read(n: number, limit: number, copy: boolean): Promise<Uint8Array> {
    if (n < 0 || this.pos + n > limit)
      throw new OnnxFormatError(`Field runs past its end at byte ${this.pos}.`);
    if (n === 0) return new Uint8Array(0);
    if (n > CHUNK) {
      const data = await this.source.read(this.pos, n);
      this.reads++;
      this.bytesFetched += data.length;
      if (data.length < n)
        throw new OnnxFormatError(`Unexpected end of file at byte ${this.pos + data.length}.`);
      this.pos += n;
      return data;
    }
    await this.ensure(n, limit);
    const base = this.pos - this.bufStart;
    this.pos += n;
    const data = this.buf.subarray(base, base + n);
    // A copy when kept, so that decoded messages never pin the read-ahead window.
    return copy ? new Uint8Array(data) : data;
  }

  /** Reads the next field header; for length-delimited fields the cursor is left at the payload start. */
  async header(limit: number): Promise<FieldHeader> {
    const at = this.pos;
    const tag = await this.varint(limit);
    if (tag <= 0 || tag > 0xffffffff) throw new OnnxFormatError(`Invalid field tag at byte ${at}.`);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (field === 0) throw new OnnxFormatError(`Invalid field number 0 at byte ${at}.`);
    switch (wire) {
      case WIRE_VARINT: {
        const value = await this.varint(limit);
        return { field, wire, value, start: this.pos, end: this.pos };
      }
      case WIRE_FIXED64:
        return this.fixed(field, wire, 8, limit);
      case WIRE_FIXED32:
        return this.fixed(field, wire, 4, limit);
      case WIRE_LEN: {
        const length = await this.varint(limit);
        if (length < 0 || this.pos + length > limit) {
          throw new OnnxFormatError(
            `Truncated or corrupt file: field ${field} at byte ${at} claims ${length} bytes, but only ${limit - this.pos} remain in its message.`,
          );
        }
        return { field, wire, value: length, start: this.pos, end: this.pos + length };
      }
      default:
        throw new OnnxFormatError(`Unsupported wire type ${wire} at byte ${at}.`);
    }
  }

  private fixed(field: number, wire: number, n: number, limit: number): FieldHeader {
    if (this.pos + n > limit)
      throw new OnnxFormatError(`Field ${field} runs past its end at byte ${this.pos}.`);
    const start = this.pos;
    this.pos += n;
    return { field, wire, value: 0, start, end: this.pos };
  }

  /** Moves the cursor past a field whose header was just read. */
  skip(h: FieldHeader): void {
    this.pos = h.end;
  }

  /** Reads the payload of a length-delimited field as UTF-8 text (bounded by `max` bytes). */
  async string(h: FieldHeader, max = 1 << 16): Promise<string> {
    if (h.wire !== WIRE_LEN) throw new OnnxFormatError(`Field ${h.field} should be length-delimited.`);
    const n = h.end - h.start;
    if (n > max) {
      this.pos = h.end;
      throw new OnnxFormatError(`A text field of ${n} bytes at byte ${h.start} is implausibly long.`);
    }
    this.pos = h.start;
    return utf8.decode(await this.bytes(n, h.end));
  }
}

const utf8 = new TextDecoder('utf-8');

/** Decodes packed varints from an in-memory buffer (int64 sign-corrected). */
export function decodePackedVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let lo = 0;
    let hi = 0;
    let k = 0;
    for (;;) {
      if (i >= bytes.length || k >= 10) throw new OnnxFormatError('Malformed packed varint.');
      const b = bytes[i++]!;
      if (k < 4) lo |= (b & 0x7f) << (7 * k);
      else if (k === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * k - 32);
      k++;
      if ((b & 0x80) === 0) break;
    }
    out.push(
      hi & 0x80000000 ? -((~hi >>> 0) * 4294967296 + (~lo >>> 0) + 1) : (hi >>> 0) * 4294967296 + (lo >>> 0),
    );
  }
  return out;
}
