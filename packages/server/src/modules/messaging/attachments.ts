// SPDX-License-Identifier: AGPL-3.0-or-later
import { ATTACHMENT_LIMITS } from "@obhut/protocol";
import { BlobExistsError, BlobNotFoundError } from "../../infra/blobs";
import type { AppContext } from "../../core/context";
import type { AttachmentsTable } from "../../infra/db/schema";
import { AppError, ConflictError, NotFoundError } from "../../core/errors";
import { attachmentPolicyOf } from "./attachment-policy";
import { QuotaExceededError, reserveStorage } from "./attachments-quota";
import { authorizeConversation } from "./conversations";
import type { Membership, ConversationActor as PolicyActor } from "../../policies";
import { newId } from "../../core/ids";
import {
  deleteChunkRecords,
  deleteUnfinishedAttachment,
  findAttachment,
  findCompletion,
  findDeletion,
  findUploadOf,
  insertAttachment,
  insertChunkRecord,
  listReceivedChunks,
  listStaleUploads,
  markAttachmentComplete,
} from "./store-attachments";

/**
 * Resumable uploads of already encrypted attachments (CRYPTO.md §9). Each
 * chunk is its own blob until `completeUpload` joins them into one immutable
 * blob under the attachment id; only then is the attachment marked complete
 * and downloadable. A crash at any step leaves at most invisible leftovers
 * that a retry of `complete` or the orphan sweep removes. The server never
 * links an attachment to the message that mentions it: that id travels
 * inside the encrypted envelope.
 */

export type AttachmentRow = AttachmentsTable;

/** Blob id of one staged chunk. Attachment ids are 22 characters, so these never collide with one. */
export function chunkBlobId(attachmentId: string, index: number): string {
  return `${attachmentId}-c${index}`;
}

function expectedChunkSize(row: AttachmentRow, index: number): number {
  return index < row.chunk_count - 1 ? row.chunk_size : row.size - (row.chunk_count - 1) * row.chunk_size;
}

export async function createUpload(
  ctx: AppContext,
  props: { actor: PolicyActor; conversationId: string; size: number },
): Promise<AttachmentRow> {
  const { actor, conversationId, size } = props;
  const membership = await authorizeConversation(ctx, actor, conversationId, "send");
  if (size > ATTACHMENT_LIMITS.maxBytes)
    throw new AppError("payload_too_large", `An attachment may have at most ${ATTACHMENT_LIMITS.maxBytes} bytes`);
  // The organisation's cap, on the padded ciphertext size: the only part of its policy the server can see.
  const policy = await attachmentPolicyOf(ctx.db.db, membership.organisationId);
  if (size > policy.maxBytes)
    throw new AppError("payload_too_large", `This organisation allows attachments of at most ${policy.maxBytes} bytes`);
  const row: AttachmentRow = {
    id: newId(),
    conversation_id: conversationId,
    uploader_id: actor.accountId,
    size,
    chunk_size: ATTACHMENT_LIMITS.chunkBytes,
    chunk_count: Math.ceil(size / ATTACHMENT_LIMITS.chunkBytes),
    created_at: ctx.clock.now(),
    completed_at: null,
  };
  const { refused, crossed } = await ctx.db.db.transaction().execute((trx) =>
    reserveStorage(ctx, trx, {
      actor,
      organisationId: membership.organisationId,
      size,
      reserve: () => insertAttachment(trx, row),
    }),
  );
  if (crossed !== null) ctx.metrics.storageThresholds.inc({ percent: String(crossed) });
  if (refused !== null) {
    ctx.metrics.storageRefused.inc({ scope: refused });
    throw new QuotaExceededError(refused);
  }
  return row;
}

/** The caller's own upload; anyone else's (or an expired one) does not exist for them. */
async function ownUpload(ctx: AppContext, actor: PolicyActor, id: string): Promise<AttachmentRow> {
  const row = await findUploadOf(ctx.db.db, id, actor.accountId);
  const expired = row && row.completed_at === null && row.created_at + ATTACHMENT_LIMITS.uploadTtlMs <= ctx.clock.now();
  if (!row || expired) throw new NotFoundError("Upload not found");
  return row;
}

async function sameBytes(ctx: AppContext, blobId: string, bytes: Uint8Array): Promise<boolean> {
  const parts: Uint8Array[] = [];
  for await (const part of await ctx.blobs.get(blobId)) parts.push(part);
  return Buffer.concat(parts).equals(bytes);
}

/** Stores one chunk. Identical re-sends succeed; different bytes for a stored index are a conflict. */
export async function putChunk(
  ctx: AppContext,
  props: { actor: PolicyActor; id: string; index: number; bytes: Uint8Array },
): Promise<void> {
  const { actor, id, index, bytes } = props;
  const row = await ownUpload(ctx, actor, id);
  if (row.completed_at !== null) throw new ConflictError("This upload is already complete");
  if (index >= row.chunk_count) throw new AppError("invalid_params", `This upload has ${row.chunk_count} chunks`);
  const expected = expectedChunkSize(row, index);
  if (bytes.byteLength !== expected) throw new AppError("bad_request", `Chunk ${index} must be ${expected} bytes`);
  const blobId = chunkBlobId(id, index);
  try {
    await ctx.blobs.put(blobId, bytes, { maxBytes: row.chunk_size });
  } catch (err) {
    if (!(err instanceof BlobExistsError)) throw err;
    if (!(await sameBytes(ctx, blobId, bytes)))
      throw new ConflictError(`Chunk ${index} was already stored differently`);
  }
  await insertChunkRecord(ctx.db.db, {
    attachment_id: id,
    idx: index,
    size: bytes.byteLength,
    created_at: ctx.clock.now(),
  });
  // A re-send racing a completion could otherwise leave a chunk nobody sweeps.
  const now = await findCompletion(ctx.db.db, id);
  if (now?.completed_at !== null) {
    await discardChunks(ctx, id, row.chunk_count);
    throw new ConflictError("This upload is already complete");
  }
}

export interface UploadState {
  row: AttachmentRow;
  received: number[];
}

export async function getUploadState(ctx: AppContext, props: { actor: PolicyActor; id: string }): Promise<UploadState> {
  const row = await ownUpload(ctx, props.actor, props.id);
  return { row, received: await listReceivedChunks(ctx.db.db, row.id) };
}

async function* joinedChunks(ctx: AppContext, id: string, count: number): AsyncGenerator<Uint8Array> {
  for (let index = 0; index < count; index++) yield* await ctx.blobs.get(chunkBlobId(id, index));
}

/** Joins the chunks into the attachment blob and marks it complete. Idempotent, and safe to retry after a crash. */
export async function completeUpload(
  ctx: AppContext,
  props: { actor: PolicyActor; id: string },
): Promise<AttachmentRow> {
  const { row, received } = await getUploadState(ctx, props);
  if (row.completed_at !== null) return row;
  if (received.length !== row.chunk_count) {
    throw new ConflictError(`${row.chunk_count - received.length} of ${row.chunk_count} chunks are still missing`);
  }
  try {
    const { size } = await ctx.blobs.put(row.id, joinedChunks(ctx, row.id, row.chunk_count), { maxBytes: row.size });
    if (size !== row.size) {
      await ctx.blobs.delete(row.id);
      throw new ConflictError("The chunks do not add up to the declared size");
    }
  } catch (err) {
    // An earlier attempt stored the blob and died before marking it complete: the blob is that upload.
    if (!(err instanceof BlobExistsError) || (await ctx.blobs.size(row.id)) !== row.size) throw err;
  }
  const completedAt = ctx.clock.now();
  await markAttachmentComplete(ctx.db.db, row.id, completedAt);
  await discardChunks(ctx, row.id, row.chunk_count);
  return { ...row, completed_at: completedAt };
}

/** Deletes the staged chunk blobs (all possible indexes: a crash may have left a blob without its row) and rows. */
async function discardChunks(ctx: AppContext, id: string, count: number): Promise<void> {
  for (let index = 0; index < count; index++) await ctx.blobs.delete(chunkBlobId(id, index));
  await deleteChunkRecords(ctx.db.db, id);
}

/**
 * The conversation gate for an operation on one of its attachments: the
 * same function (with its break-glass half) that guards the conversation's
 * messages, so an attachment is never easier to read than the message that
 * names it. Refusals are audited with `what` ("attachment.read"); the 404
 * speaks of the attachment, not the conversation.
 */
export async function authorizeAttachment(
  ctx: AppContext,
  actor: PolicyActor,
  conversationId: string,
  what: string,
): Promise<Membership> {
  try {
    return await authorizeConversation(ctx, actor, conversationId, "read", what);
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError("Attachment not found");
    throw err;
  }
}

/**
 * A completed attachment for a member who may read its conversation
 * (`authorizeAttachment`): a colleague's assigned case answers
 * `break_glass_required` as its history does. Everyone else gets 404, and a
 * refusal on an existing attachment is audited like any denied conversation
 * access.
 */
export async function findDownload(ctx: AppContext, props: { actor: PolicyActor; id: string }): Promise<AttachmentRow> {
  const row = await findAttachment(ctx.db.db, props.id);
  if (!row) {
    await refuseDeleted(ctx, props.actor, props.id, "attachment.read");
    throw new NotFoundError("Attachment not found");
  }
  await authorizeAttachment(ctx, props.actor, row.conversation_id, "attachment.read");
  if (row.completed_at === null) throw new NotFoundError("Attachment not found");
  return row;
}

/**
 * For an id that is no attachment (any more): those who may read the
 * conversation it was deleted from learn that it was deleted
 * (`attachment_deleted`), so the UI says so instead of showing a broken
 * link; a colleague without break glass gets `break_glass_required`; for
 * anyone else it stays a plain 404, audited like any refused conversation
 * access.
 */
export async function refuseDeleted(ctx: AppContext, actor: PolicyActor, id: string, what: string): Promise<void> {
  const gone = await findDeletion(ctx.db.db, id);
  if (!gone) return;
  try {
    await authorizeAttachment(ctx, actor, gone.conversation_id, what);
  } catch (err) {
    if (err instanceof NotFoundError) return;
    throw err;
  }
  throw new AppError("attachment_deleted", "This attachment was deleted");
}

/** The ciphertext bytes start … end-1 of a completed attachment. */
export async function readAttachment(
  ctx: AppContext,
  id: string,
  range: { start: number; end: number },
): Promise<AsyncIterable<Uint8Array>> {
  try {
    return await ctx.blobs.get(id, range);
  } catch (err) {
    if (err instanceof BlobNotFoundError) throw new NotFoundError("Attachment not found");
    throw err;
  }
}

/**
 * Removes uploads not completed within the TTL, with their chunks and any
 * joined blob a crashed completion left, which frees the uploader's quota.
 * Meant for the hourly scheduler; idempotent.
 */
export async function sweepAttachmentOrphans(ctx: AppContext, now: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const rows = await listStaleUploads(ctx.db.db, now - ATTACHMENT_LIMITS.uploadTtlMs, 100);
    for (const row of rows) {
      await discardChunks(ctx, row.id, row.chunk_count);
      await ctx.blobs.delete(row.id);
      await deleteUnfinishedAttachment(ctx.db.db, row.id);
      removed++;
    }
    if (rows.length < 100) return removed;
  }
}
