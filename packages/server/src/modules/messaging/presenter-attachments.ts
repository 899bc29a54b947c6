// SPDX-License-Identifier: AGPL-3.0-or-later
import { ATTACHMENT_LIMITS, type ResponseOf, type GetAttachmentUpload } from "@obhut/protocol";
import type { UploadState } from "./attachments";

/** What the uploader learns about an upload: sizes and chunk indexes, nothing about other users. */
export function presentUploadState({ row, received }: UploadState): ResponseOf<typeof GetAttachmentUpload> {
  return {
    attachmentId: row.id,
    size: row.size,
    chunkSize: row.chunk_size,
    chunkCount: row.chunk_count,
    received,
    complete: row.completed_at !== null,
    expiresAt: row.completed_at === null ? row.created_at + ATTACHMENT_LIMITS.uploadTtlMs : null,
  };
}
