// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CryptoError,
  constantTimeEqual,
  createDecryptStream,
  createEncryptStream,
  encryptedSize,
  fromBase64Url,
  generateFileKey,
  padSize,
  sha256,
  toBase64Url,
  transformBytes,
} from "@obhut/crypto";
import { ApiError, fillPath, toApiError, type ApiClient } from "../api/client";
import type { AttachmentRef } from "./body";
import {
  attachmentCiphertext,
  attachmentUpload,
  completeAttachment,
  createAttachment,
  putAttachmentChunk,
} from "./endpoints";
import { LIMITS } from "./limits";
import { stripMetadata } from "./strip-metadata";

/**
 * Attachments: encrypted in the browser with a fresh file key
 * (`createEncryptStream`, zero-padded to `padSize` so the server learns only
 * a size bucket), uploaded in chunks, and described — name, type, true size,
 * file key, SHA-256 — only inside the sealed message that refers to them.
 */
export interface PlainFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** An encrypted file ready for upload; kept in memory so a retry resumes instead of re-encrypting. */
export interface SealedFile {
  ref: Omit<AttachmentRef, "id">;
  ciphertext: Uint8Array;
  attachmentId: string | null;
}

export class AttachmentTooLarge extends Error {
  override readonly name = "AttachmentTooLarge";
}

/** Largest plaintext that still fits the server's limit after padding and stream overhead. */
export function fitsLimit(size: number): boolean {
  return encryptedSize(padSize(size)) <= LIMITS.attachmentMaxBytes;
}

/**
 * Encrypts one file for upload. Photos (JPEG, PNG, WebP) lose their metadata first — place, time, device
 * (strip-metadata.ts) — so size and hash in the reference are those of the stripped bytes; a picture whose
 * metadata cannot be removed is refused (ImageMetadataError) rather than sent as it is.
 */
export async function sealFile(file: PlainFile): Promise<SealedFile> {
  if (!fitsLimit(file.bytes.length)) throw new AttachmentTooLarge(file.name);
  const bytes = stripMetadata(file.bytes);
  const key = generateFileKey();
  const ciphertext = await transformBytes(createEncryptStream(key, { padTo: padSize(bytes.length) }), bytes);
  return {
    ref: {
      name: file.name.slice(0, 255) || "file",
      type: file.type.slice(0, 255),
      size: bytes.length,
      key: toBase64Url(key),
      sha256: toBase64Url(sha256(bytes)),
    },
    ciphertext,
    attachmentId: null,
  };
}

export interface RawFetch {
  (input: string, init: RequestInit): Promise<Response>;
}

const defaultFetch: RawFetch = (input, init) => globalThis.fetch(input, init);

async function raw(doFetch: RawFetch, url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await doFetch(url, { credentials: "same-origin", cache: "no-store", ...init });
  } catch {
    throw new ApiError("network_error", "The server could not be reached", 0);
  }
  if (!response.ok) throw toApiError(await response.json().catch(() => undefined), response.status);
  return response;
}

/**
 * Uploads (or resumes uploading) the ciphertext and returns the complete
 * reference. Already stored chunks are skipped; re-sending identical bytes
 * is harmless on the server anyway.
 */
export async function uploadSealedFile(props: {
  api: ApiClient;
  conversationId: string;
  file: SealedFile;
  fetch?: RawFetch;
  signal?: AbortSignal;
}): Promise<AttachmentRef> {
  const { api, file } = props;
  const doFetch = props.fetch ?? defaultFetch;
  let chunkSize: number;
  let chunkCount: number;
  let received = new Set<number>();
  if (file.attachmentId === null) {
    const created = await api.request(createAttachment, {
      body: { conversationId: props.conversationId, size: file.ciphertext.length },
    });
    file.attachmentId = created.attachmentId;
    ({ chunkSize, chunkCount } = created);
  } else {
    const state = await api.request(attachmentUpload, { params: { id: file.attachmentId } });
    ({ chunkSize, chunkCount } = state);
    received = new Set(state.received);
    if (state.complete) return { id: file.attachmentId, ...file.ref };
  }
  const id = file.attachmentId;
  for (let index = 0; index < chunkCount; index++) {
    if (received.has(index)) continue;
    const chunk = file.ciphertext.slice(index * chunkSize, Math.min(file.ciphertext.length, (index + 1) * chunkSize));
    await raw(doFetch, fillPath(putAttachmentChunk.path, { id, index: String(index) }), {
      method: putAttachmentChunk.method,
      headers: { "Content-Type": "application/octet-stream" },
      body: chunk,
      ...(props.signal ? { signal: props.signal } : {}),
    });
  }
  await api.request(completeAttachment, { params: { id } });
  return { id, ...file.ref };
}

/**
 * Downloads, decrypts and checks one attachment. Returns the plaintext only
 * once the whole stream authenticated and its SHA-256 matches the signed
 * message; a wrong, truncated or padded-with-data file throws CryptoError.
 */
export async function downloadAttachment(ref: AttachmentRef, options: { fetch?: RawFetch } = {}): Promise<Blob> {
  const response = await raw(options.fetch ?? defaultFetch, fillPath(attachmentCiphertext.path, { id: ref.id }), {
    method: attachmentCiphertext.method,
    headers: { Accept: "application/octet-stream" },
  });
  const ciphertext = new Uint8Array(await response.arrayBuffer());
  const key = fromBase64Url(ref.key);
  try {
    const plaintext = await transformBytes(createDecryptStream(key, { plaintextSize: ref.size }), ciphertext);
    if (!constantTimeEqual(sha256(plaintext), fromBase64Url(ref.sha256))) {
      throw new CryptoError("decrypt_failed", "attachment does not match its hash");
    }
    return new Blob([plaintext as BlobPart], { type: safeType(ref.type) });
  } finally {
    key.fill(0);
  }
}

/**
 * Types a browser could render inline as a document get downloaded as plain
 * bytes instead: a file from the other side must never run as a page here.
 */
export function safeType(type: string): string {
  const lower = type.toLowerCase();
  if (/^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain|audio\/\w+|video\/\w+)$/.test(lower)) return lower;
  return "application/octet-stream";
}
