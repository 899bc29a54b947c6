// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { AppError, ForbiddenError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorizeAttachment, chunkBlobId, refuseDeleted } from "./attachments";
import { recordAudit } from "../../core/audit";
import { authorizeCase, activeRestriction } from "../../policies";
import { auditDenied } from "./conversations";
import {
  deleteAttachmentRow,
  deleteChunkRecords,
  dropQueuedBlobDeletion,
  findAttachment,
  findCaseOfConversation,
  hasActiveLegalHold,
  insertDeletion,
  queueBlobDeletions,
} from "./store-attachments";

/**
 * Deleting an attachment. Allowed to its uploader, and in a case
 * conversation to the staff responsible for the case (assignee, team lead:
 * `case.attachment.delete`), e.g. when a client sent a document by mistake.
 * The message envelope that names the attachment is end-to-end encrypted
 * and stays; a tombstone row lets members' downloads answer
 * `attachment_deleted`. Nothing about the file (name, type) is known here,
 * so nothing of it can be audited.
 */
export async function deleteAttachment(ctx: AppContext, props: { actor: Actor; id: string }): Promise<void> {
  const { actor, id } = props;
  const db = ctx.db.db;
  const row = await findAttachment(db, id);
  if (!row) {
    await refuseDeleted(ctx, actor, id, "attachment.delete");
    throw new NotFoundError("Attachment not found");
  }
  // Members only (404 and audited otherwise); a colleague's assigned case needs break glass first.
  const membership = await authorizeAttachment(ctx, actor, row.conversation_id, "attachment.delete");
  const own = row.uploader_id === actor.accountId;
  // Someone else's unfinished upload does not exist for anyone but its uploader.
  if (!own && row.completed_at === null) throw new NotFoundError("Attachment not found");
  const c =
    membership.kind === "case" || membership.kind === "notes"
      ? await findCaseOfConversation(db, membership.kind, row.conversation_id)
      : undefined;
  if (!own) {
    if (membership.kind !== "case" || !c || actor.kind !== "staff") {
      await auditDenied(ctx, actor, row.conversation_id, "attachment.delete");
      throw new ForbiddenError("Only the person who sent this attachment can delete it");
    }
    await authorizeCase(ctx, actor, c.id, "case.attachment.delete");
  }
  if (c) {
    // A legal hold keeps everything of the case (ADR 0013); so does an Art. 18 restriction, for staff.
    if (await hasActiveLegalHold(db, c.id))
      throw new AppError("erasure_blocked", "This case is on legal hold: its attachments are kept");
    if (actor.kind === "staff" && (await activeRestriction(db, c)))
      throw new AppError("case_restricted", "Processing of this case is restricted (Art. 18 GDPR)");
  }

  const now = ctx.clock.now();
  // The blob ids a pending upload may have left (every chunk index), and the joined blob.
  const blobIds = [id, ...Array.from({ length: row.chunk_count }, (_, i) => chunkBlobId(id, i))];
  await db.transaction().execute(async (trx) => {
    // Queued in the same transaction: if the process dies before the blobs are removed below,
    // the retention job's flush removes them (modules/retention/run.ts flushPendingBlobs).
    await queueBlobDeletions(trx, blobIds, now);
    await deleteChunkRecords(trx, id);
    if ((await deleteAttachmentRow(trx, id)) === 0) throw new NotFoundError("Attachment not found");
    await insertDeletion(trx, { attachment_id: id, conversation_id: row.conversation_id, deleted_at: now });
    await recordAudit(trx, now, {
      organisationId: membership.organisationId,
      actorId: actor.accountId,
      action: "attachment.deleted",
      target: { type: "attachment", id },
      data: { conversationId: row.conversation_id, size: Number(row.size), byUploader: own },
    });
  });
  for (const blobId of blobIds) {
    await ctx.blobs.delete(blobId);
    await dropQueuedBlobDeletion(db, blobId);
  }
}
