// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { OrganisationIdParams } from "./admin";

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
  /**
   * Live (pending or completed) attachment bytes one account may hold: client accounts cost nothing to
   * create, so theirs is small; staff share their organisation's cap (server setting `--org-storage-cap`).
   */
  clientQuotaBytes: 50 * 1024 * 1024,
  staffQuotaBytes: 500 * 1024 * 1024,
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

export const DeleteAttachment = defineRoute({
  method: "DELETE",
  path: "/api/attachments/:id",
  summary:
    "Delete an attachment: its uploader, or the assignee or team lead of the case it was sent in; blob and row go, the quota is freed (audited)",
  tag: "attachments",
  auth: "session",
  rate: "api",
  params: AttachmentParams,
  responses: { 204: z.null() },
});

/**
 * Per-organisation attachment policy (docs/PROTOCOL.md "Attachment policy").
 * The size cap applies to the padded ciphertext the server sees; the type
 * list can only be enforced by clients, because the type travels inside the
 * encrypted envelope: the sender refuses before encrypting, the receiver
 * shows a disallowed type as blocked.
 */
export const ATTACHMENT_POLICY_LIMITS = {
  /** Smallest cap an organisation may choose (ciphertext bytes). */
  minBytes: 64 * 1024,
  /** Entries of the allowed-types list. */
  maxTypes: 50,
} as const;

/** Word, Excel and PowerPoint files, old and new, and their OpenDocument counterparts. */
export const OFFICE_DOCUMENT_TYPES: readonly string[] = [
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
];

/** What an organisation allows until its admin changes it: images, PDF, plain text and office documents. */
export const DEFAULT_ATTACHMENT_TYPES: readonly string[] = [
  "image/*",
  "application/pdf",
  "text/plain",
  ...OFFICE_DOCUMENT_TYPES,
];

/** A lower-case media type (`application/pdf`), a wildcard subtype (`image/*`) or `*\/*` for any type. */
export const AttachmentTypePattern = z
  .string()
  .max(127)
  .regex(
    /^(\*\/\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,62}))$/,
    "must be a lower-case media type like application/pdf or a wildcard like image/*",
  );

export const AttachmentPolicyView = z
  .object({
    /** Largest attachment in ciphertext bytes (padded and encrypted), at most ATTACHMENT_LIMITS.maxBytes. */
    maxBytes: z.number().int(),
    allowedTypes: z.array(z.string()),
  })
  .strict()
  .meta({ id: "AttachmentPolicy" });
export type AttachmentPolicyView = z.infer<typeof AttachmentPolicyView>;

export const OrganisationAttachmentPolicyView = z
  .object({
    maxBytes: z.number().int(),
    allowedTypes: z.array(z.string()),
    /** The instance's limit, the highest cap an organisation can choose. */
    instanceMaxBytes: z.number().int(),
    /** True while the organisation has not changed the defaults. */
    isDefault: z.boolean(),
    updatedAt: z.number().int().nullable(),
    /** Live (pending and stored) attachment bytes of the organisation and its cap (null: no cap). */
    storage: z.object({ usedBytes: z.number().int(), capBytes: z.number().int().nullable() }).strict(),
  })
  .strict()
  .meta({ id: "OrganisationAttachmentPolicy" });
export type OrganisationAttachmentPolicyView = z.infer<typeof OrganisationAttachmentPolicyView>;

export const GetAttachmentPolicy = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/attachment-policy",
  summary: "Attachment size cap and allowed types of the organisation (admins, DPO)",
  tag: "attachments",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: OrganisationAttachmentPolicyView },
});

export const UpdateAttachmentPolicy = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/attachment-policy",
  summary: "Change the attachment size cap and the allowed types (admins; audited)",
  tag: "attachments",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z
    .object({
      maxBytes: z.number().int().min(ATTACHMENT_POLICY_LIMITS.minBytes).max(ATTACHMENT_LIMITS.maxBytes),
      allowedTypes: z
        .array(AttachmentTypePattern)
        .min(1, "at least one type must be allowed")
        .max(ATTACHMENT_POLICY_LIMITS.maxTypes),
    })
    .strict()
    .refine((b) => new Set(b.allowedTypes).size === b.allowedTypes.length, {
      message: "each type at most once",
      path: ["allowedTypes"],
    }),
  responses: { 200: OrganisationAttachmentPolicyView },
});

/** Most deleted-attachment ids one conversation lists (older ones answer downloads with attachment_deleted). */
export const ATTACHMENT_DELETED_LIST = 1000;

export const GetConversationAttachmentPolicy = defineRoute({
  method: "GET",
  path: "/api/conversations/:id/attachment-policy",
  summary:
    "For members: the attachment policy of the conversation's organisation (check before encrypting) and the ids of attachments deleted in it",
  tag: "attachments",
  auth: "session",
  rate: "api",
  params: z.object({ id: Id }).strict(),
  responses: {
    200: z
      .object({
        policy: AttachmentPolicyView,
        /** Newest first, at most ATTACHMENT_DELETED_LIST ids: shown as "attachment deleted" instead of a download. */
        deleted: z.array(Id),
      })
      .strict(),
  },
});
