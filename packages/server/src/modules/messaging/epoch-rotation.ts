// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database, RotationReason } from "../../infra/db/schema";
import { findRotationState, markRotationOwed, setCurrentEpoch } from "./store-epochs";

/**
 * Epoch rotation (issue #14, item 2; ADR 0029), as the rest of the server records it. Whoever shrinks the set of
 * people who may read a conversation — team sync after offboarding or a removal from a team, a handover to
 * another team, a re-binding, an administrator's removal — calls `oweEpochRotation` in the same transaction;
 * from then on the send gate refuses every message (`epoch_rotation_owed`) until a browser that may publish one
 * stores the next epoch, and every path that stores an epoch calls `epochPublished`. The server cannot check
 * what an epoch key is wrapped to; it checks the one thing it can — that the new epoch's team and archive wraps
 * are filed under key generations the person who left never held — and leaves the rest to the signed record.
 */
type Db = Kysely<Database> | Transaction<Database>;

export interface OweRotationProps {
  reason: RotationReason;
  now: number;
  /**
   * The case team's key generation the new epoch must be filed under at least: the current one + 1 when a
   * member left that team (they hold the current one), "reset" after a handover (the new team's current
   * generation will do), null when the team key is not at stake.
   */
  teamGeneration?: number | "reset" | null;
  /** Likewise for the archive key, when an administrator (who held it) was removed. */
  archiveGeneration?: number | null;
}

/** The conversations owe a new epoch before their next message (conversations without epochs owe nothing). */
export async function oweEpochRotation(
  db: Db,
  conversationIds: readonly string[],
  props: OweRotationProps,
): Promise<void> {
  if (conversationIds.length === 0) return;
  await markRotationOwed(db, conversationIds, {
    reason: props.reason,
    now: props.now,
    team: props.teamGeneration ?? null,
    archive: props.archiveGeneration ?? null,
  });
}

/**
 * Whether an epoch filed under these generations settles what the conversation owes: nothing owed, or the
 * generations reach the required ones. Generations are null for conversations without team and archive wraps.
 */
export async function rotationSettledBy(
  db: Db,
  conversationId: string,
  generations: { team: number | null; archive: number | null },
): Promise<boolean> {
  const state = await findRotationState(db, conversationId);
  if (!state || state.rotation_owed_since === null) return true;
  const reaches = (required: number | null, given: number | null) =>
    required === null || (given !== null && given >= required);
  return (
    reaches(state.rotation_team_generation, generations.team) &&
    reaches(state.rotation_archive_generation, generations.archive)
  );
}

/**
 * Epoch `epoch` was stored (first epoch, AddEpoch, re-binding, handover): it becomes the current one, and it
 * lifts an owed rotation when its wraps are filed under the required generations. Returns whether nothing is
 * owed any more.
 */
export async function epochPublished(
  db: Db,
  props: { conversationId: string; epoch: number; now: number; team: number | null; archive: number | null },
): Promise<boolean> {
  const settled = await rotationSettledBy(db, props.conversationId, { team: props.team, archive: props.archive });
  await setCurrentEpoch(db, {
    conversationId: props.conversationId,
    epoch: props.epoch,
    now: props.now,
    clearOwed: settled,
  });
  return settled;
}
