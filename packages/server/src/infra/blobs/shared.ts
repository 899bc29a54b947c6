// SPDX-License-Identifier: AGPL-3.0-or-later
import { BlobRangeError, BlobTooLargeError, InvalidBlobIdError } from "./errors";

export type BlobInput = AsyncIterable<Uint8Array> | Uint8Array;

/** Half-open byte range, like `Uint8Array.subarray`: bytes start … end-1. */
export interface BlobRange {
  start: number;
  /** Exclusive; clamped to the blob's size. Default: the end of the blob. */
  end?: number;
}

export interface BlobInfo {
  id: string;
  size: number;
  createdAt: number;
}

/**
 * Storage for opaque, already encrypted attachments. Blobs are immutable:
 * a `put` either stores the complete blob under a new id or stores nothing.
 */
export interface BlobStore {
  readonly kind: "fs" | "postgres";
  /** Throws BlobExistsError if the id is taken, BlobTooLargeError beyond `maxBytes` (nothing is stored then). */
  put(id: string, data: BlobInput, opts?: { maxBytes?: number }): Promise<{ size: number }>;
  /** Throws BlobNotFoundError, or BlobRangeError if `start` lies beyond the end. */
  get(id: string, range?: BlobRange): Promise<AsyncIterable<Uint8Array>>;
  size(id: string): Promise<number | null>;
  delete(id: string): Promise<boolean>;
  list(): AsyncIterable<BlobInfo>;
  /**
   * Removes what interrupted puts (crash, killed process) left behind and
   * that is older than `olderThanMs`; such leftovers are never visible as
   * blobs, they only take space. Meant for a recurring job. Returns the count.
   */
  sweepIncomplete(olderThanMs: number): Promise<number>;
}

const ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The only gate between user input and a file name: no dots, no slashes, no traversal. */
export function assertBlobId(id: string): void {
  if (typeof id !== "string" || !ID.test(id)) throw new InvalidBlobIdError();
}

export function resolveRange(size: number, range: BlobRange | undefined): { start: number; end: number } {
  const start = range?.start ?? 0;
  const end = Math.min(range?.end ?? size, size);
  if (!Number.isSafeInteger(start) || start < 0) throw new BlobRangeError("Range start must be a non-negative integer");
  if (range?.end !== undefined && (!Number.isSafeInteger(range.end) || range.end < start)) {
    throw new BlobRangeError("Range end must be an integer not below the start");
  }
  if (start > size) throw new BlobRangeError(`Range starts beyond the end of the blob (${size} bytes)`);
  return { start, end };
}

/** Normalises the input and enforces `maxBytes` while it streams, before anything is committed. */
export async function* limited(data: BlobInput, maxBytes: number | undefined): AsyncGenerator<Uint8Array> {
  const source: AsyncIterable<Uint8Array> =
    data instanceof Uint8Array
      ? (async function* () {
          yield data;
        })()
      : data;
  let total = 0;
  for await (const piece of source) {
    if (!(piece instanceof Uint8Array)) throw new TypeError("Blob data must be Uint8Array chunks");
    total += piece.byteLength;
    if (maxBytes !== undefined && total > maxBytes) throw new BlobTooLargeError(maxBytes);
    if (piece.byteLength > 0) yield piece;
  }
}

/** Re-cuts a stream into pieces of exactly `size` bytes (the last one may be shorter). */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.byteLength) {
      const take = Math.min(size - held, piece.byteLength - offset);
      parts.push(piece.subarray(offset, offset + take));
      held += take;
      offset += take;
      if (held === size) {
        yield concat(parts, held);
        parts = [];
        held = 0;
      }
    }
  }
  if (held > 0) yield concat(parts, held);
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
