// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * The deletes behind deleting an object (modules/retention/delete.ts puts
 * them together) and the queue of blobs still to remove from the blob store.
 * Every function runs inside the caller's transaction; none decides whether
 * something may go — the caller has checked period, hold and restriction.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export interface AttachmentBlobs {
  id: string;
  chunk_count: number;
  completed_at: number | null;
}

/** The attachments of a conversation, with what it takes to name their blobs. */
export async function listConversationAttachments(trx: Trx, conversationId: string): Promise<AttachmentBlobs[]> {
  return trx
    .selectFrom("attachments")
    .select(["id", "chunk_count", "completed_at"])
    .where("conversation_id", "=", conversationId)
    .execute();
}

export async function deleteConversationAttachments(trx: Trx, conversationId: string): Promise<void> {
  await trx.deleteFrom("attachments").where("conversation_id", "=", conversationId).execute();
}

/**
 * Deletes a conversation's messages, every epoch key wrap (team and
 * participant), the epochs, the members and the conversation row, in that
 * order. Its attachments go first (deleteConversationAttachments).
 */
export async function deleteConversationRows(
  trx: Trx,
  conversationId: string,
): Promise<{ messages: number; wraps: number }> {
  const messages = await trx.deleteFrom("messages").where("conversation_id", "=", conversationId).executeTakeFirst();
  const teamWraps = await trx
    .deleteFrom("epoch_team_wraps")
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  const wraps = await trx
    .deleteFrom("epoch_key_wraps")
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  await trx.deleteFrom("conversation_epochs").where("conversation_id", "=", conversationId).execute();
  await trx.deleteFrom("conversation_members").where("conversation_id", "=", conversationId).execute();
  await trx.deleteFrom("conversations").where("id", "=", conversationId).execute();
  return {
    messages: Number(messages.numDeletedRows),
    wraps: Number(teamWraps.numDeletedRows) + Number(wraps.numDeletedRows),
  };
}

/** Queues blob ids for removal (500 per statement); an id already queued stays queued once. */
export async function queuePendingBlobDeletions(trx: Trx, blobIds: readonly string[], now: number): Promise<void> {
  for (let i = 0; i < blobIds.length; i += 500) {
    await trx
      .insertInto("pending_blob_deletions")
      .values(blobIds.slice(i, i + 500).map((blob_id) => ({ blob_id, created_at: now })))
      .onConflict((oc) => oc.column("blob_id").doNothing())
      .execute();
  }
}

/** The next queued blob ids, in id order. */
export async function listPendingBlobDeletions(db: Db, limit: number): Promise<{ blob_id: string }[]> {
  return db.selectFrom("pending_blob_deletions").select("blob_id").orderBy("blob_id").limit(limit).execute();
}

/** Takes a blob off the queue once the blob store no longer has it. */
export async function removePendingBlobDeletion(db: Db, blobId: string): Promise<void> {
  await db.deleteFrom("pending_blob_deletions").where("blob_id", "=", blobId).execute();
}

/** Deletes a case's own rows: its timeline, its (released) holds, its break-glass grants and archive-access requests, the case. */
export async function deleteCaseRows(trx: Trx, caseId: string): Promise<void> {
  await trx.deleteFrom("case_events").where("case_id", "=", caseId).execute();
  await trx.deleteFrom("legal_holds").where("case_id", "=", caseId).execute();
  // Break-glass reasons are about the case; the audit chain keeps their hash.
  await trx.deleteFrom("break_glass_grants").where("case_id", "=", caseId).execute();
  // So are archive-access reasons (ADR 0032).
  await trx.deleteFrom("archive_access_requests").where("case_id", "=", caseId).execute();
  await trx.deleteFrom("cases").where("id", "=", caseId).execute();
}

/** Everything that lets an account log in or decrypt, and its memberships. */
export async function removeCredentials(trx: Trx, accountId: string): Promise<void> {
  const sessions = trx.selectFrom("sessions").select("id").where("account_id", "=", accountId);
  await trx.deleteFrom("mfa_challenges").where("session_id", "in", sessions).execute();
  await trx.deleteFrom("sessions").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("mfa_totp").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("webauthn_credentials").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("recovery_states").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("login_states").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("account_resets").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("case_rebind_codes").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("device_keys").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("key_wraps").where("recipient_account_id", "=", accountId).execute();
  await trx.deleteFrom("team_members").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("absences").where("account_id", "=", accountId).execute();
}
