// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { chunkBlobId } from "../messaging";
import { recordAudit } from "../../core/audit";

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
  const attachments = await trx
    .selectFrom("attachments")
    .select(["id", "chunk_count", "completed_at"])
    .where("conversation_id", "=", conversationId)
    .execute();
  await queueAttachmentBlobs(trx, attachments, now);
  if (attachments.length > 0)
    await trx.deleteFrom("attachments").where("conversation_id", "=", conversationId).execute();
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
    attachments: attachments.length,
    wraps: Number(teamWraps.numDeletedRows) + Number(wraps.numDeletedRows),
  };
}

/** Queues the blobs of attachments (with the staged chunks of unfinished uploads) for removal. */
export async function queueAttachmentBlobs(
  trx: Trx,
  attachments: { id: string; chunk_count: number; completed_at: number | null }[],
  now: number,
): Promise<void> {
  const ids: string[] = [];
  for (const a of attachments) {
    ids.push(a.id);
    // Staged chunks exist only until completion; a pending upload may have any of them.
    if (a.completed_at === null) for (let i = 0; i < a.chunk_count; i++) ids.push(chunkBlobId(a.id, i));
  }
  for (let i = 0; i < ids.length; i += 500) {
    await trx
      .insertInto("pending_blob_deletions")
      .values(ids.slice(i, i + 500).map((blob_id) => ({ blob_id, created_at: now })))
      .onConflict((oc) => oc.column("blob_id").doNothing())
      .execute();
  }
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
  await trx.deleteFrom("case_events").where("case_id", "=", row.id).execute();
  await trx.deleteFrom("legal_holds").where("case_id", "=", row.id).execute();
  // Break-glass reasons are about the case; the audit chain keeps their hash.
  await trx.deleteFrom("break_glass_grants").where("case_id", "=", row.id).execute();
  await trx.deleteFrom("cases").where("id", "=", row.id).execute();
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
