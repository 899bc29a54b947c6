// SPDX-License-Identifier: AGPL-3.0-or-later
import { concatBytes, utf8Decode, utf8Encode } from "./encoding";
import { CryptoError } from "./errors";

/**
 * Canonical binary framing used for everything that is hashed, signed or
 * stored. Integers are big-endian; variable-length fields carry a u32
 * big-endian length prefix. There is exactly one encoding per value, so
 * "same bytes" means "same meaning" and signatures cannot be replayed under a
 * different parse.
 */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];

  u8(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xff)
      throw new CryptoError("bad_parameters", "u8 out of range");
    this.parts.push(Uint8Array.of(value));
    return this;
  }

  u32(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new CryptoError("bad_parameters", "u32 out of range");
    }
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, value);
    this.parts.push(out);
    return this;
  }

  /** u64 limited to Number.MAX_SAFE_INTEGER, enough for millisecond timestamps and sequence numbers. */
  u64(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new CryptoError("bad_parameters", "u64 out of range");
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    view.setUint32(0, Math.floor(value / 0x1_0000_0000));
    view.setUint32(4, value >>> 0);
    this.parts.push(out);
    return this;
  }

  /** Raw bytes of a length both sides know (keys, hashes, nonces). */
  fixed(bytes: Uint8Array, length: number): this {
    if (bytes.length !== length)
      throw new CryptoError("bad_parameters", `expected ${length} bytes, got ${bytes.length}`);
    this.parts.push(bytes);
    return this;
  }

  /** u32 length prefix, then the bytes. */
  bytes(bytes: Uint8Array): this {
    this.u32(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  /** UTF-8 with a u32 length prefix. */
  string(text: string): this {
    return this.bytes(utf8Encode(text));
  }

  finish(): Uint8Array {
    return concatBytes(...this.parts);
  }
}

export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  private take(length: number): Uint8Array {
    if (length > this.data.length - this.offset) throw new CryptoError("bad_format", "truncated input");
    const out = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  u8(): number {
    return this.take(1)[0]!;
  }

  u32(): number {
    const b = this.take(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }

  u64(): number {
    const b = this.take(8);
    const view = new DataView(b.buffer, b.byteOffset, 8);
    const high = view.getUint32(0);
    if (high > 0x1fffff) throw new CryptoError("bad_format", "u64 exceeds safe integer range");
    return high * 0x1_0000_0000 + view.getUint32(4);
  }

  fixed(length: number): Uint8Array {
    return this.take(length);
  }

  bytes(): Uint8Array {
    return this.take(this.u32());
  }

  string(): string {
    return utf8Decode(this.bytes());
  }

  remaining(): number {
    return this.data.length - this.offset;
  }

  position(): number {
    return this.offset;
  }

  /** Everything parsed must be consumed: trailing bytes are an error, not ignored. */
  end(): void {
    if (this.offset !== this.data.length) throw new CryptoError("bad_format", "trailing bytes");
  }
}
