// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { chunkBlobId } from "../messaging";
import { recordAudit } from "../../core/audit";
import {
  type AttachmentBlobs,
  deleteCaseRows,
  deleteConversationAttachments,
  deleteConversationRows,
  listConversationAttachments,
  queuePendingBlobDeletions,
} from "./store-delete";

// Erasure on request deletes credentials as the job does; the deletes themselves are the store's.
export { removeCredentials } from "./store-delete";

/**
 * What deleting an object takes, inside the caller's transaction: the
 * retention job (modules/retention/run.ts, one descriptor per data class in
 * modules/retention/classes.ts) and erasure on request (modules/dsr/self.ts)
 * delete the same way. Blob ids are queued in `pending_blob_deletions`, and
 * removed from the blob store after the transaction (flushPendingBlobs).
 */

type Trx = Transaction<Database>;

/**
 * Deletes a conversation with everything in it, inside the caller's
 * transaction: attachments (their blobs queued), messages, every epoch key
 * wrap, the epochs, the members, the conversation. Returns what went.
 */
export async function deleteConversation(
  trx: Trx,
  conversationId: string,
  now: number,
): Promise<{ messages: number; attachments: number; wraps: number }> {
  const attachments = await listConversationAttachments(trx, conversationId);
  await queueAttachmentBlobs(trx, attachments, now);
  if (attachments.length > 0) await deleteConversationAttachments(trx, conversationId);
  const gone = await deleteConversationRows(trx, conversationId);
  return { messages: gone.messages, attachments: attachments.length, wraps: gone.wraps };
}

/** Queues the blobs of attachments (with the staged chunks of unfinished uploads) for removal. */
export async function queueAttachmentBlobs(trx: Trx, attachments: AttachmentBlobs[], now: number): Promise<void> {
  const ids: string[] = [];
  for (const a of attachments) {
    ids.push(a.id);
    // Staged chunks exist only until completion; a pending upload may have any of them.
    if (a.completed_at === null) for (let i = 0; i < a.chunk_count; i++) ids.push(chunkBlobId(a.id, i));
  }
  await queuePendingBlobDeletions(trx, ids, now);
}

/**
 * Deletes a case with its timeline, released holds, conversation and notes
 * (messages, attachments with their blobs queued, every key wrap) inside
 * the caller's transaction and audits `case.deleted` with counts. The
 * caller has checked that it may go (period, hold, restriction).
 */
export async function deleteCase(
  trx: Trx,
  row: { id: string; organisation_id: string; conversation_id: string; notes_conversation_id: string | null },
  now: number,
  why: { reason: "retention" | "erasure"; actorId: string | null },
): Promise<{ messages: number; notes: number; attachments: number; keyWraps: number }> {
  await deleteCaseRows(trx, row.id);
  const main = await deleteConversation(trx, row.conversation_id, now);
  const notes = row.notes_conversation_id
    ? await deleteConversation(trx, row.notes_conversation_id, now)
    : { messages: 0, attachments: 0, wraps: 0 };
  const counts = {
    messages: main.messages,
    notes: notes.messages,
    attachments: main.attachments + notes.attachments,
    keyWraps: main.wraps + notes.wraps,
  };
  await recordAudit(trx, now, {
    organisationId: row.organisation_id,
    actorId: why.actorId,
    action: "case.deleted",
    target: { type: "case", id: row.id },
    data: { reason: why.reason, ...counts },
  });
  return counts;
}
