// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { AppError, ConflictError } from "../../core/errors";
import { authorizeConversation } from "./conversations";
import type { ConversationActor as PolicyActor } from "../../policies";
import {
  insertEpochGroupWraps,
  insertEpochKeyWraps,
  insertEpochRecord,
  lastEpoch,
  listCurrentMembersAmong,
  listEpochRecords,
  listEpochWrapsFor,
  lockConversationRow,
} from "./store-epochs";

/**
 * Conversation epochs: the signed, hash-chained epoch record and the epoch
 * key wrapped (HPKE) to each participant. The server stores them as opaque
 * blobs; clients verify records with @obhut/crypto (verifyEpochRecord) and
 * remember the highest epoch, so the server cannot forge or roll back one.
 */
export async function listEpochs(ctx: AppContext, actor: PolicyActor, conversationId: string) {
  await authorizeConversation(ctx, actor, conversationId, "read");
  const epochs = await listEpochRecords(ctx.db.db, conversationId);
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

/** Appends the next epoch (exactly last + 1); wraps may only go to current members. */
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
  const recipients = new Set(props.wraps.map((w) => w.recipientId));
  if (recipients.size !== props.wraps.length) throw new AppError("invalid_body", "One wrap per recipient");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    // Serialise concurrent epoch publications on the conversation row (PostgreSQL row lock; SQLite has one writer).
    await lockConversationRow(trx, props.conversationId);
    const expected = (await lastEpoch(trx, props.conversationId)) + 1;
    if (props.epoch !== expected) throw new ConflictError(`The next epoch of this conversation is ${expected}`);
    const members = await listCurrentMembersAmong(trx, props.conversationId, [...recipients]);
    if (members.length !== recipients.size)
      throw new AppError("invalid_body", "Every wrap must go to a current member");
    await insertEpochRecord(trx, {
      conversation_id: props.conversationId,
      epoch: props.epoch,
      record: props.record,
      created_by: props.actor.accountId,
      created_at: now,
    });
    if (owner && props.groupWraps && props.groupWraps !== "incomplete") {
      const targets = await owner.groupWrapTargets(trx, props.conversationId);
      // Filed under the current generations, like the first epoch (modules/cases/cases.ts storeInitialEpoch).
      await insertEpochGroupWraps(trx, [
        {
          conversation_id: props.conversationId,
          epoch: props.epoch,
          role: "team",
          ref_id: targets.team.refId,
          generation: targets.team.generation,
          wrap: props.groupWraps.team,
          created_at: now,
        },
        {
          conversation_id: props.conversationId,
          epoch: props.epoch,
          role: "archive",
          ref_id: targets.archive.refId,
          generation: targets.archive.generation,
          wrap: props.groupWraps.archive,
          created_at: now,
        },
      ]);
    }
    await insertEpochKeyWraps(
      trx,
      props.wraps.map((w) => ({
        conversation_id: props.conversationId,
        epoch: props.epoch,
        recipient_account_id: w.recipientId,
        wrap: w.wrap,
        created_at: now,
      })),
    );
  });
}
