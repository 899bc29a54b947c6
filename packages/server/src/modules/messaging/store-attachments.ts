// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { AttachmentsTable, Database } from "../../infra/db/schema";

/**
 * Attachment rows, their staged chunks, the tombstones of deleted ones and
 * the queue of blobs to delete. No authorisation here — attachments.ts and
 * attachments-delete.ts decide first, then call these.
 */
type Db = Kysely<Database> | Transaction<Database>;

export async function insertAttachment(db: Db, row: AttachmentsTable): Promise<void> {
  await db.insertInto("attachments").values(row).execute();
}

export function findAttachment(db: Db, id: string): Promise<AttachmentsTable | undefined> {
  return db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** An attachment row only if `uploaderId` uploaded it. */
export function findUploadOf(db: Db, id: string, uploaderId: string): Promise<AttachmentsTable | undefined> {
  return db
    .selectFrom("attachments")
    .selectAll()
    .where("id", "=", id)
    .where("uploader_id", "=", uploaderId)
    .executeTakeFirst();
}

/** The attachment's completion time as stored now; undefined when the row is gone. */
export function findCompletion(db: Db, id: string): Promise<{ completed_at: number | null } | undefined> {
  return db.selectFrom("attachments").select("completed_at").where("id", "=", id).executeTakeFirst();
}

export async function markAttachmentComplete(db: Db, id: string, completedAt: number): Promise<void> {
  await db
    .updateTable("attachments")
    .set({ completed_at: completedAt })
    .where("id", "=", id)
    .where("completed_at", "is", null)
    .execute();
}

/** Uploads not completed and created before `createdBefore`, at most `limit`. */
export function listStaleUploads(db: Db, createdBefore: number, limit: number) {
  return db
    .selectFrom("attachments")
    .select(["id", "chunk_count"])
    .where("completed_at", "is", null)
    .where("created_at", "<", createdBefore)
    .limit(limit)
    .execute();
}

/** Removes an upload that is still not complete (a completion in between keeps it). */
export async function deleteUnfinishedAttachment(db: Db, id: string): Promise<void> {
  await db.deleteFrom("attachments").where("id", "=", id).where("completed_at", "is", null).execute();
}

/** Removes the attachment row; returns how many rows went (0 when a concurrent delete was first). */
export async function deleteAttachmentRow(db: Db, id: string): Promise<number> {
  const gone = await db.deleteFrom("attachments").where("id", "=", id).executeTakeFirst();
  return Number(gone.numDeletedRows);
}

/** Records a stored chunk; a re-sent chunk keeps its first row. */
export async function insertChunkRecord(
  db: Db,
  row: { attachment_id: string; idx: number; size: number; created_at: number },
): Promise<void> {
  await db
    .insertInto("attachment_chunks")
    .values(row)
    .onConflict((oc) => oc.columns(["attachment_id", "idx"]).doNothing())
    .execute();
}

/** Indexes of the chunks received so far, ascending. */
export async function listReceivedChunks(db: Db, attachmentId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("attachment_chunks")
    .select("idx")
    .where("attachment_id", "=", attachmentId)
    .orderBy("idx")
    .execute();
  return rows.map((c) => c.idx);
}

export async function deleteChunkRecords(db: Db, attachmentId: string): Promise<void> {
  await db.deleteFrom("attachment_chunks").where("attachment_id", "=", attachmentId).execute();
}

/** The conversation a deleted attachment was in, from its tombstone. */
export function findDeletion(db: Db, attachmentId: string): Promise<{ conversation_id: string } | undefined> {
  return db
    .selectFrom("attachment_deletions")
    .select("conversation_id")
    .where("attachment_id", "=", attachmentId)
    .executeTakeFirst();
}

export async function insertDeletion(
  db: Db,
  row: { attachment_id: string; conversation_id: string; deleted_at: number },
): Promise<void> {
  await db.insertInto("attachment_deletions").values(row).execute();
}

/** Ids of attachments deleted in a conversation, newest first, at most `limit`. */
export async function listDeletedAttachmentIds(db: Db, conversationId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("attachment_deletions")
    .select("attachment_id")
    .where("conversation_id", "=", conversationId)
    .orderBy("deleted_at", "desc")
    .orderBy("attachment_id")
    .limit(limit)
    .execute();
  return rows.map((d) => d.attachment_id);
}

/** The case whose client conversation (`case`) or notes conversation (`notes`) this is. */
export function findCaseOfConversation(db: Db, kind: "case" | "notes", conversationId: string) {
  return db
    .selectFrom("cases")
    .select(["id", "organisation_id", "client_id"])
    .where(kind === "case" ? "conversation_id" : "notes_conversation_id", "=", conversationId)
    .executeTakeFirst();
}

/** Whether a legal hold on the case is in force (not released). */
export async function hasActiveLegalHold(db: Db, caseId: string): Promise<boolean> {
  const hold = await db
    .selectFrom("legal_holds")
    .select("id")
    .where("case_id", "=", caseId)
    .where("released_at", "is", null)
    .executeTakeFirst();
  return hold !== undefined;
}

/** Queues blobs for deletion (the retention job flushes what a crash left); already queued ones stay. */
export async function queueBlobDeletions(db: Db, blobIds: string[], now: number): Promise<void> {
  await db
    .insertInto("pending_blob_deletions")
    .values(blobIds.map((blob_id) => ({ blob_id, created_at: now })))
    .onConflict((oc) => oc.column("blob_id").doNothing())
    .execute();
}

export async function dropQueuedBlobDeletion(db: Db, blobId: string): Promise<void> {
  await db.deleteFrom("pending_blob_deletions").where("blob_id", "=", blobId).execute();
}
