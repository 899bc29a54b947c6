// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError, ConflictError } from "../../core/errors";
import { authorizeConversation } from "./conversations";
import { authorizeHistoryRead, type ReadActor } from "./archive-read";
import { epochPublished, rotationSettledBy } from "./epoch-rotation";
import type { ConversationActor as PolicyActor } from "../../policies";
import {
  insertEpochGroupWraps,
  insertEpochKeyWraps,
  insertEpochRecord,
  lastEpoch,
  listArchiveWraps,
  listCurrentMembersAmong,
  listEpochRecords,
  listEpochWrapsFor,
  lockConversationRow,
} from "./store-epochs";

type Trx = Transaction<Database>;

/**
 * Conversation epochs: the signed, hash-chained epoch record and the epoch
 * key wrapped (HPKE) to each participant. The server stores them as opaque
 * blobs; clients verify records with @obhut/crypto (verifyEpochRecord) and
 * remember the highest epoch, so the server cannot forge or roll back one.
 */
export async function listEpochs(ctx: AppContext, actor: ReadActor, conversationId: string) {
  const grant = await authorizeHistoryRead(ctx, actor, conversationId, "conversation.epochs");
  const epochs = await listEpochRecords(ctx.db.db, conversationId);
  // An admin under archive access holds no participant wrap; they get each epoch key wrapped to the archive key.
  if (grant)
    return { epochs, wraps: [], archiveWraps: await listArchiveWraps(ctx.db.db, conversationId, grant.organisationId) };
  const wraps = await listEpochWrapsFor(ctx.db.db, conversationId, actor.accountId);
  return { epochs, wraps };
}

export interface AddEpochProps {
  actor: PolicyActor;
  conversationId: string;
  epoch: number;
  record: Uint8Array;
  wraps: { recipientId: string; wrap: Uint8Array }[];
  /** Case and notes conversations: the epoch key for the case team and the archive ("incomplete": one was missing). */
  groupWraps?: { team: Uint8Array; archive: Uint8Array } | "incomplete";
}

/**
 * Appends the next epoch (exactly last + 1); wraps may only go to current members. It becomes the current epoch
 * and settles an owed rotation (ADR 0029) — unless the case team's or the archive's key has not yet been renewed
 * since someone who held it left: then nothing is stored (`409 key_rotation_pending`), because the new key would
 * be wrapped to a key they still hold.
 */
export async function addEpoch(ctx: AppContext, props: AddEpochProps): Promise<void> {
  const membership = await authorizeConversation(ctx, props.actor, props.conversationId, "add_epoch");
  // Kinds owned by another module (cases: "case" and "notes") file group wraps for their team and archive.
  const owner = ctx.conversationKinds[membership.kind];
  const teamBound = owner !== undefined;
  // Without the team wrap the case team could not read the new epoch; elsewhere there is no team to wrap to.
  if (teamBound && (props.groupWraps === undefined || props.groupWraps === "incomplete"))
    throw new AppError("invalid_body", "A case or notes epoch needs teamWrap and archiveWrap");
  if (!teamBound && props.groupWraps !== undefined)
    throw new AppError("invalid_body", "teamWrap and archiveWrap belong to case and notes conversations only");
  if (props.wraps.length === 0) throw new AppError("invalid_body", "At least one wrap");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    // Serialise concurrent epoch publications on the conversation row (PostgreSQL row lock; SQLite has one writer).
    await lockConversationRow(trx, props.conversationId);
    const targets = owner ? await owner.groupWrapTargets(trx, props.conversationId) : undefined;
    const group = props.groupWraps && props.groupWraps !== "incomplete" ? props.groupWraps : undefined;
    await storeNextEpoch(trx, {
      conversationId: props.conversationId,
      epoch: props.epoch,
      record: props.record,
      createdBy: props.actor.accountId,
      wraps: props.wraps,
      ...(targets && group
        ? {
            group: {
              team: { ...targets.team, wrap: group.team },
              archive: { ...targets.archive, wrap: group.archive },
            },
          }
        : {}),
      now,
    });
  });
}

export interface NextEpoch {
  conversationId: string;
  epoch: number;
  record: Uint8Array;
  createdBy: string;
  wraps: { recipientId: string; wrap: Uint8Array }[];
  /** Case and notes conversations: the epoch key wrapped to the team's and the archive's key generation. */
  group?: {
    team: { refId: string; generation: number; wrap: Uint8Array };
    archive: { refId: string; generation: number; wrap: Uint8Array };
  };
  now: number;
}

/**
 * Stores the next epoch inside the caller's transaction (which holds the conversation row lock): AddEpoch, and a
 * handover that brings the new team's first epoch along (modules/cases). Checks that it is exactly last + 1,
 * that participant wraps go to current members only, one each, and that its group wraps settle what the
 * conversation owes (`key_rotation_pending` otherwise); then it becomes the current epoch.
 */
export async function storeNextEpoch(trx: Trx, e: NextEpoch): Promise<void> {
  const recipients = new Set(e.wraps.map((w) => w.recipientId));
  if (recipients.size !== e.wraps.length) throw new AppError("invalid_body", "One wrap per recipient");
  const expected = (await lastEpoch(trx, e.conversationId)) + 1;
  if (e.epoch !== expected) throw new ConflictError(`The next epoch of this conversation is ${expected}`);
  if (recipients.size > 0) {
    const members = await listCurrentMembersAmong(trx, e.conversationId, [...recipients]);
    if (members.length !== recipients.size)
      throw new AppError("invalid_body", "Every wrap must go to a current member");
  }
  const generations = { team: e.group?.team.generation ?? null, archive: e.group?.archive.generation ?? null };
  if (!(await rotationSettledBy(trx, e.conversationId, generations)))
    throw new AppError(
      "key_rotation_pending",
      "Someone who left still holds the current team or archive key; an administrator must renew it first",
    );
  await insertEpochRecord(trx, {
    conversation_id: e.conversationId,
    epoch: e.epoch,
    record: e.record,
    created_by: e.createdBy,
    created_at: e.now,
  });
  if (e.group)
    // Filed under the current generations, like the first epoch (modules/cases/cases.ts storeInitialEpoch).
    await insertEpochGroupWraps(
      trx,
      (["team", "archive"] as const).map((role) => ({
        conversation_id: e.conversationId,
        epoch: e.epoch,
        role,
        ref_id: e.group![role].refId,
        generation: e.group![role].generation,
        wrap: e.group![role].wrap,
        created_at: e.now,
      })),
    );
  if (e.wraps.length)
    await insertEpochKeyWraps(
      trx,
      e.wraps.map((w) => ({
        conversation_id: e.conversationId,
        epoch: e.epoch,
        recipient_account_id: w.recipientId,
        wrap: w.wrap,
        created_at: e.now,
      })),
    );
  await epochPublished(trx, { conversationId: e.conversationId, epoch: e.epoch, now: e.now, ...generations });
}
