// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError } from "./errors";
import { OrderedQueue } from "./stream-util";
import { ByteWriter } from "./framing";
import {
  GCM_TAG_LENGTH,
  KEY_LENGTH,
  aesGcmDecrypt,
  aesGcmEncrypt,
  hkdfSha256,
  importAesKey,
  randomBytes,
} from "./primitives";
import { BlobKind, FORMAT_VERSION, Label, SUITE_V1, headerBytes } from "./suite";

/**
 * Streaming AEAD after age's STREAM construction (age-encryption.org/v1):
 *
 *   stream  = version(1) || suite(1) || kind=0x08(1) || nonce(16) || chunk*
 *   payload key = HKDF-SHA256(ikm = file key, salt = nonce, info = "obhut/v1/attachment-payload")
 *   chunk i = AES-256-GCM(payload key, iv = u88be(i) || last, plaintext_i, aad = first 19 bytes)
 *
 * Plaintext chunks are 64 KiB except the last, which holds 0..64 KiB and is
 * empty only when the whole file is. `last` = 0x01 on the final chunk and
 * 0x00 otherwise, so cutting the stream at a chunk boundary, swapping or
 * reordering chunks, or appending after the final chunk all fail
 * authentication. Output is released chunk by chunk after each chunk
 * verifies; consumers must treat the result as valid only once the stream
 * closes without error (truncation is detected at the end).
 */
export const CHUNK_SIZE = 64 * 1024;
export const STREAM_NONCE_LENGTH = 16;
export const STREAM_HEADER_LENGTH = 3 + STREAM_NONCE_LENGTH;
const ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + GCM_TAG_LENGTH;

export function generateFileKey(): Uint8Array {
  return randomBytes(KEY_LENGTH);
}

/** Ciphertext length for a given plaintext length, e.g. for upload size checks. */
export function encryptedSize(plaintextLength: number): number {
  const chunks = Math.max(1, Math.ceil(plaintextLength / CHUNK_SIZE));
  return STREAM_HEADER_LENGTH + plaintextLength + chunks * GCM_TAG_LENGTH;
}

function chunkNonce(counter: number, last: boolean): Uint8Array {
  if (!Number.isSafeInteger(counter)) throw new CryptoError("bad_parameters", "chunk counter overflow");
  // 11-byte counter: the top 3 bytes stay zero within safe-integer range.
  const iv = new ByteWriter()
    .u8(0)
    .u8(0)
    .u8(0)
    .u64(counter)
    .u8(last ? 1 : 0)
    .finish();
  return iv;
}

async function payloadKey(fileKey: Uint8Array, nonce: Uint8Array, usage: "encrypt" | "decrypt"): Promise<CryptoKey> {
  if (fileKey.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "file key must be 32 bytes");
  return importAesKey(hkdfSha256(fileKey, nonce, Label.attachmentPayload), usage);
}

export interface EncryptStreamOptions {
  /** Zero-pad the plaintext up to this many bytes (use padSize(file.size)); the real size travels in the signed message. */
  padTo?: number;
}

export function createEncryptStream(
  fileKey: Uint8Array,
  options: EncryptStreamOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  return createEncryptStreamWithNonce(fileKey, randomBytes(STREAM_NONCE_LENGTH), options);
}

/** Internal: explicit stream nonce (vectors). */
export function createEncryptStreamWithNonce(
  fileKey: Uint8Array,
  nonce: Uint8Array,
  options: EncryptStreamOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  if (nonce.length !== STREAM_NONCE_LENGTH) throw new CryptoError("bad_parameters", "stream nonce must be 16 bytes");
  const header = new ByteWriter().fixed(headerBytes(BlobKind.attachment), 3).fixed(nonce, STREAM_NONCE_LENGTH).finish();
  const keyPromise = payloadKey(fileKey, nonce, "encrypt");
  const queue = new OrderedQueue();
  let buffer = new Uint8Array(CHUNK_SIZE);
  let filled = 0;
  let counter = 0;
  let total = 0;

  // A full buffer is only sealed once more input proves it is not the last chunk.
  const push = async (data: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>) => {
    let offset = 0;
    while (offset < data.length) {
      if (filled === CHUNK_SIZE) {
        const sealed = aesGcmEncrypt(await keyPromise, chunkNonce(counter++, false), buffer, header);
        buffer = new Uint8Array(CHUNK_SIZE); // the in-flight call may still read the old one
        filled = 0;
        await queue.push(sealed, (out) => controller.enqueue(out));
      }
      const n = Math.min(CHUNK_SIZE - filled, data.length - offset);
      buffer.set(data.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
    }
    total += data.length;
  };

  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      controller.enqueue(header);
    },
    async transform(chunk, controller) {
      await push(chunk, controller);
    },
    async flush(controller) {
      const padTo = options.padTo ?? 0;
      while (total < padTo) await push(new Uint8Array(Math.min(CHUNK_SIZE, padTo - total)), controller);
      const last = aesGcmEncrypt(await keyPromise, chunkNonce(counter++, true), buffer.subarray(0, filled), header);
      await queue.push(last, (out) => controller.enqueue(out));
      await queue.drain((out) => controller.enqueue(out));
    },
  });
}

export interface DecryptStreamOptions {
  /** The true size from the signed message: output stops there and the rest must be zero padding. */
  plaintextSize?: number;
}

export function createDecryptStream(
  fileKey: Uint8Array,
  options: DecryptStreamOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  let header: Uint8Array | undefined;
  let key: CryptoKey | undefined;
  const headerBuffer = new Uint8Array(STREAM_HEADER_LENGTH);
  let headerFilled = 0;
  const queue = new OrderedQueue();
  let buffer = new Uint8Array(ENCRYPTED_CHUNK_SIZE);
  let filled = 0;
  let counter = 0;
  let emitted = 0;
  const limit = options.plaintextSize;

  const emit = (plaintext: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>) => {
    let out = plaintext;
    if (limit !== undefined) {
      const keep = Math.max(0, Math.min(out.length, limit - emitted));
      if (out.subarray(keep).some((b) => b !== 0)) throw new CryptoError("bad_format", "data beyond the declared size");
      out = out.subarray(0, keep);
    }
    emitted += out.length;
    if (out.length > 0) controller.enqueue(out);
  };

  const readHeader = async (): Promise<void> => {
    if (headerBuffer[0] !== FORMAT_VERSION || headerBuffer[1] !== SUITE_V1) {
      throw new CryptoError("unsupported_version", "unknown attachment stream version or suite");
    }
    if (headerBuffer[2] !== BlobKind.attachment) throw new CryptoError("bad_format", "not an attachment stream");
    header = headerBuffer;
    key = await payloadKey(fileKey, headerBuffer.subarray(3), "decrypt");
  };

  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(data, controller) {
      let offset = 0;
      if (!header) {
        const n = Math.min(STREAM_HEADER_LENGTH - headerFilled, data.length);
        headerBuffer.set(data.subarray(0, n), headerFilled);
        headerFilled += n;
        offset = n;
        if (headerFilled < STREAM_HEADER_LENGTH) return;
        await readHeader();
      }
      while (offset < data.length) {
        if (filled === ENCRYPTED_CHUNK_SIZE) {
          const opened = aesGcmDecrypt(key!, chunkNonce(counter++, false), buffer, header!);
          buffer = new Uint8Array(ENCRYPTED_CHUNK_SIZE);
          filled = 0;
          await queue.push(opened, (out) => emit(out, controller));
        }
        const n = Math.min(ENCRYPTED_CHUNK_SIZE - filled, data.length - offset);
        buffer.set(data.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
      }
    },
    async flush(controller) {
      if (!header) throw new CryptoError("bad_format", "attachment stream truncated in header");
      if (filled < GCM_TAG_LENGTH) throw new CryptoError("bad_format", "attachment stream truncated");
      await queue.drain((out) => emit(out, controller));
      const plaintext = await aesGcmDecrypt(key!, chunkNonce(counter, true), buffer.subarray(0, filled), header);
      if (plaintext.length === 0 && counter > 0) throw new CryptoError("bad_format", "empty final chunk after data");
      emit(plaintext, controller);
      if (limit !== undefined && emitted !== limit)
        throw new CryptoError("bad_format", "attachment shorter than declared");
    },
  });
}

export { transformBytes } from "./stream-util";
