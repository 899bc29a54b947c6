// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";

/**
 * Attachment limits (docs/PROTOCOL.md, CRYPTO.md §9). The server only ever
 * sees the padded ciphertext; name, type, real size, key and hash travel
 * inside the signed message envelope that references the attachment id.
 */
export const ATTACHMENT_LIMITS = {
  /** Largest attachment (ciphertext bytes). */
  maxBytes: 25 * 1024 * 1024,
  /** Every chunk but the last has exactly this many bytes. */
  chunkBytes: 1024 * 1024,
  /** Live (pending or completed) attachment bytes one account may hold. */
  quotaBytes: 500 * 1024 * 1024,
  /** Uploads not completed within this time are deleted with their chunks. */
  uploadTtlMs: 24 * 60 * 60 * 1000,
} as const;

const AttachmentParams = z.object({ id: Id }).strict();
const ChunkParams = z
  .object({
    id: Id,
    index: z.coerce
      .number()
      .int()
      .min(0)
      .max(Math.ceil(ATTACHMENT_LIMITS.maxBytes / ATTACHMENT_LIMITS.chunkBytes) - 1),
  })
  .strict();

export const CreateAttachment = defineRoute({
  method: "POST",
  path: "/api/attachments",
  summary: "Start a resumable upload of an encrypted attachment to a conversation I may send to",
  tag: "attachments",
  auth: "session",
  rate: "api",
  body: z
    .object({
      conversationId: Id,
      /** Total ciphertext size in bytes (already padded by the client). */
      size: z.number().int().min(1).max(ATTACHMENT_LIMITS.maxBytes),
    })
    .strict(),
  responses: {
    201: z.object({ attachmentId: Id, chunkSize: z.number().int(), chunkCount: z.number().int() }).strict(),
  },
});

export const PutAttachmentChunk = defineRoute({
  method: "PUT",
  path: "/api/attachments/:id/chunks/:index",
  summary: "Upload one chunk (raw application/octet-stream); re-sending identical bytes is harmless",
  tag: "attachments",
  auth: "session",
  rate: "api",
  params: ChunkParams,
  consumes: "application/octet-stream",
  /** The raw request body; documented as binary in OpenAPI. */
  body: z.custom<Uint8Array>((v) => v instanceof Uint8Array, "must be a binary body (application/octet-stream)"),
  responses: { 204: z.null() },
});

export const GetAttachmentUpload = defineRoute({
  method: "GET",
  path: "/api/attachments/:id/upload",
  summary: "State of my upload: which chunks are stored (to resume after an interruption)",
  tag: "attachments",
  auth: "session",
  rate: "api",
  params: AttachmentParams,
  responses: {
    200: z
      .object({
        attachmentId: Id,
        size: z.number().int(),
        chunkSize: z.number().int(),
        chunkCount: z.number().int(),
        received: z.array(z.number().int()),
        complete: z.boolean(),
        expiresAt: z.number().int().nullable(),
      })
      .strict(),
  },
});

export const CompleteAttachment = defineRoute({
  method: "POST",
  path: "/api/attachments/:id/complete",
  summary: "Join all chunks into one immutable attachment; idempotent",
  tag: "attachments",
  auth: "session",
  rate: "api",
  params: AttachmentParams,
  responses: { 200: z.object({ attachmentId: Id, size: z.number().int() }).strict() },
});

export const DownloadAttachment = defineRoute({
  method: "GET",
  path: "/api/attachments/:id",
  summary: "Download the ciphertext (members of the conversation only); supports Range: bytes=a-b",
  tag: "attachments",
  auth: "session",
  rate: "api",
  params: AttachmentParams,
  produces: "application/octet-stream",
  responses: { 200: z.string(), 206: z.string() },
});
