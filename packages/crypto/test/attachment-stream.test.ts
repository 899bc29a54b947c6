// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHUNK_SIZE,
  STREAM_HEADER_LENGTH,
  createDecryptStream,
  createEncryptStream,
  encryptedSize,
  generateFileKey,
  transformBytes,
} from "../src/attachment-stream";
import { concatBytes, constantTimeEqual } from "../src/encoding";
import { padSize } from "../src/padding";
import { randomBytes } from "../src/primitives";
import { bitIndex, flipBit } from "./flip";

const ENC_CHUNK = CHUNK_SIZE + 16;
// vitest's deep equality is very slow on large typed arrays.
const same = (a: Uint8Array, b: Uint8Array) => expect(a.length === b.length && constantTimeEqual(a, b)).toBe(true);
const encrypt = (key: Uint8Array, data: Uint8Array, parts?: Uint8Array[]) =>
  transformBytes(createEncryptStream(key), parts ?? data);
const decrypt = (key: Uint8Array, data: Uint8Array | Uint8Array[], plaintextSize?: number) =>
  transformBytes(createDecryptStream(key, plaintextSize === undefined ? {} : { plaintextSize }), data);

/** Splits ciphertext into header and encrypted chunks. */
function chunks(ct: Uint8Array) {
  const header = ct.subarray(0, STREAM_HEADER_LENGTH);
  const body: Uint8Array[] = [];
  for (let o = STREAM_HEADER_LENGTH; o < ct.length; o += ENC_CHUNK)
    body.push(ct.subarray(o, Math.min(ct.length, o + ENC_CHUNK)));
  return { header, body };
}

describe("attachment stream", () => {
  it("round-trips at chunk boundaries and with arbitrary input splits", async () => {
    const key = generateFileKey();
    for (const size of [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 3 * CHUNK_SIZE + 17]) {
      const data = randomBytes(size);
      const ct = await encrypt(key, data);
      expect(ct.length).toBe(encryptedSize(size));
      same(await decrypt(key, ct), data);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * CHUNK_SIZE }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (size, cuts) => {
          const data = randomBytes(size);
          const at = [...new Set(cuts.map((c) => c % (size + 1)))].sort((a, b) => a - b);
          const parts = [0, ...at].map((start, i) => data.subarray(start, [...at, size][i]));
          const ct = await encrypt(key, data, parts);
          const ctParts = [ct.subarray(0, 5), ct.subarray(5, 70_000), ct.subarray(70_000)];
          same(await decrypt(key, ctParts), data);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("pads to a bucket and strips the padding given the signed size", async () => {
    const key = generateFileKey();
    const data = randomBytes(100_000);
    const ct = await transformBytes(createEncryptStream(key, { padTo: padSize(data.length) }), data);
    expect(ct.length).toBe(encryptedSize(padSize(data.length)));
    same(await decrypt(key, ct, data.length), data);
    await expect(decrypt(key, ct, data.length + 5)).resolves.toHaveLength(data.length + 5); // padding is zeros
    await expect(decrypt(key, ct, padSize(data.length) + 1)).rejects.toMatchObject({ code: "bad_format" });
    const unpadded = await encrypt(key, data);
    await expect(decrypt(key, unpadded, data.length - 1)).rejects.toMatchObject({ code: "bad_format" });
  });

  it("detects truncation, reordering, chunk swapping between files, and extension", async () => {
    const key = generateFileKey();
    const data = randomBytes(3 * CHUNK_SIZE + 100);
    const ct = await encrypt(key, data);
    const { header, body } = chunks(ct);
    const expectFail = (bytes: Uint8Array) =>
      expect(decrypt(key, bytes)).rejects.toMatchObject({
        code: expect.stringMatching(/decrypt_failed|bad_format/),
      });

    await expectFail(concatBytes(header, ...body.slice(0, 3))); // drop the last chunk
    await expectFail(concatBytes(header, ...body.slice(0, 2), body[3]!)); // drop a middle chunk
    await expectFail(ct.subarray(0, ct.length - 1)); // cut inside the last chunk
    await expectFail(header); // only the header
    await expectFail(ct.subarray(0, 10)); // cut inside the header
    await expectFail(concatBytes(header, body[1]!, body[0]!, ...body.slice(2))); // reorder
    await expectFail(concatBytes(ct, body[0]!)); // extend after the last chunk
    await expectFail(concatBytes(ct, randomBytes(16))); // extend with junk
    // Same key, different file: chunks from another stream do not fit (different nonce → payload key).
    const other = chunks(await encrypt(key, randomBytes(3 * CHUNK_SIZE + 100)));
    await expectFail(concatBytes(header, other.body[0]!, ...body.slice(1)));
    await expectFail(concatBytes(other.header, ...body));
    await expect(decrypt(generateFileKey(), ct)).rejects.toMatchObject({
      code: "decrypt_failed",
    });
  });

  it("rejects any single bit flip", async () => {
    const key = generateFileKey();
    const ct = await encrypt(key, randomBytes(CHUNK_SIZE + 500));
    await fc.assert(
      fc.asyncProperty(bitIndex(ct.length), async (bit) => {
        await expect(decrypt(key, flipBit(ct, bit))).rejects.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it("works on a ReadableStream piped through both transforms", async () => {
    const key = generateFileKey();
    const data = randomBytes(200_000);
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        for (let o = 0; o < data.length; o += 10_000) c.enqueue(data.slice(o, o + 10_000));
        c.close();
      },
    });
    const out = source.pipeThrough(createEncryptStream(key)).pipeThrough(createDecryptStream(key));
    const parts: Uint8Array[] = [];
    for await (const p of out as unknown as AsyncIterable<Uint8Array>) parts.push(p);
    same(concatBytes(...parts), data);
  });
});
