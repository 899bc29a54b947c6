// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError, padSize, utf8Encode } from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../api/client";
import { downloadAttachment, safeType, sealFile, uploadSealedFile } from "./attachments";
import { ImageMetadataError } from "./strip-metadata";
import { SECRETS, jpegWithMetadata } from "./strip-metadata.test-util";

/** Chunked upload endpoints in memory; `failChunk` breaks one PUT once. */
function fakeStorage(chunkSize: number) {
  const chunks = new Map<number, Uint8Array>();
  let size = 0;
  let complete = false;
  const state = { failChunk: -1, puts: 0 };
  const api = {
    request: async (endpoint: { method: string; path: string }, input: { body?: { size: number } } = {}) => {
      switch (`${endpoint.method} ${endpoint.path}`) {
        case "POST /api/attachments":
          size = input.body!.size;
          return { attachmentId: "att_00000001", chunkSize, chunkCount: Math.ceil(size / chunkSize) };
        case "GET /api/attachments/:id/upload":
          return {
            attachmentId: "att_00000001",
            size,
            chunkSize,
            chunkCount: Math.ceil(size / chunkSize),
            received: [...chunks.keys()],
            complete,
            expiresAt: null,
          };
        case "POST /api/attachments/:id/complete":
          complete = true;
          return { attachmentId: "att_00000001", size };
        default:
          throw new Error(endpoint.path);
      }
    },
  } as unknown as ApiClient;
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const put = /\/chunks\/(\d+)$/.exec(url);
    if (put && init.method === "PUT") {
      const index = Number(put[1]);
      state.puts++;
      if (index === state.failChunk) {
        state.failChunk = -1;
        throw new TypeError("network");
      }
      chunks.set(index, init.body as Uint8Array);
      return new Response(null, { status: 204 });
    }
    const all = [...chunks.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    return new Response(new Blob(all as BlobPart[]), { status: 200 });
  };
  return { api, fetch, state, chunks };
}

describe("attachments", () => {
  it("encrypts with padding, uploads in chunks, resumes after a failed chunk and decrypts to the same bytes", async () => {
    const bytes = new Uint8Array(150_000).map((_, i) => i % 251);
    const sealed = await sealFile({ name: "scan.png", type: "image/png", bytes });
    expect(sealed.ciphertext.length).toBeGreaterThan(padSize(bytes.length));
    const storage = fakeStorage(50_000);
    storage.state.failChunk = 2;
    await expect(
      uploadSealedFile({ api: storage.api, conversationId: "conv_00000001", file: sealed, fetch: storage.fetch }),
    ).rejects.toMatchObject({ code: "network_error" });
    const puts = storage.state.puts;
    const ref = await uploadSealedFile({
      api: storage.api,
      conversationId: "conv_00000001",
      file: sealed,
      fetch: storage.fetch,
    });
    // Only the missing chunks were sent again.
    expect(storage.state.puts - puts).toBe(storage.chunks.size - 2);
    expect(ref).toMatchObject({ id: "att_00000001", name: "scan.png", type: "image/png", size: bytes.length });
    const blob = await downloadAttachment(ref, { fetch: storage.fetch });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    expect(blob.type).toBe("image/png");
  });

  it("seals a photo without its metadata: the decrypted bytes, size and hash are those of the stripped file", async () => {
    const photo = jpegWithMetadata({ orientation: 6 });
    const sealed = await sealFile({ name: "foto.jpg", type: "image/jpeg", bytes: photo });
    const storage = fakeStorage(1024 * 1024);
    const ref = await uploadSealedFile({
      api: storage.api,
      conversationId: "conv_00000001",
      file: sealed,
      fetch: storage.fetch,
    });
    const plain = new Uint8Array(await (await downloadAttachment(ref, { fetch: storage.fetch })).arrayBuffer());
    expect(ref.size).toBe(plain.length);
    expect(plain.length).toBeLessThan(photo.length);
    const text = String.fromCharCode(...plain);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    // A picture that cannot be parsed is not sent as it is.
    await expect(
      sealFile({ name: "kaputt.jpg", type: "image/jpeg", bytes: photo.subarray(0, 40) }),
    ).rejects.toBeInstanceOf(ImageMetadataError);
  });

  it("refuses a file whose hash does not match the signed reference", async () => {
    const sealed = await sealFile({ name: "a.txt", type: "text/plain", bytes: utf8Encode("hallo") });
    const storage = fakeStorage(1024 * 1024);
    const ref = await uploadSealedFile({
      api: storage.api,
      conversationId: "conv_00000001",
      file: sealed,
      fetch: storage.fetch,
    });
    const other = await sealFile({ name: "a.txt", type: "text/plain", bytes: utf8Encode("hallo") });
    await expect(
      downloadAttachment(
        { ...ref, sha256: other.ref.sha256.replace(/^./, (c) => (c === "A" ? "B" : "A")) },
        { fetch: storage.fetch },
      ),
    ).rejects.toBeInstanceOf(CryptoError);
  });

  it("never lets a received file render as an active document", () => {
    expect(safeType("text/html")).toBe("application/octet-stream");
    expect(safeType("image/svg+xml")).toBe("application/octet-stream");
    expect(safeType("application/pdf")).toBe("application/pdf");
  });
});
