// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely, type Transaction } from "kysely";
import type {
  ConversationEpochsTable,
  Database,
  EpochKeyWrapsTable,
  EpochTeamWrapsTable,
  RotationReason,
} from "../../infra/db/schema";

/**
 * Conversation epochs and their key wraps (opaque blobs to the server). No
 * authorisation here — modules/messaging/conversations-epochs.ts decides
 * first, then calls these.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** Every epoch record of a conversation, oldest first. */
export function listEpochRecords(db: Db, conversationId: string) {
  return db
    .selectFrom("conversation_epochs")
    .select(["epoch", "record", "created_by", "created_at"])
    .where("conversation_id", "=", conversationId)
    .orderBy("epoch")
    .execute();
}

/** The epoch keys of a conversation wrapped to one account, oldest epoch first. */
export function listEpochWrapsFor(db: Db, conversationId: string, accountId: string) {
  return db
    .selectFrom("epoch_key_wraps")
    .select(["epoch", "wrap"])
    .where("recipient_account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .orderBy("epoch")
    .execute();
}

/** The conversation's epoch keys wrapped to the organisation's archive key, with the generation each is filed under. */
export function listArchiveWraps(db: Db, conversationId: string, orgId: string) {
  return db
    .selectFrom("epoch_team_wraps")
    .select(["epoch", "generation", "wrap"])
    .where("conversation_id", "=", conversationId)
    .where("role", "=", "archive")
    .where("ref_id", "=", orgId)
    .orderBy("epoch")
    .execute();
}

/**
 * A no-op update of the conversation row: on PostgreSQL it takes the row
 * lock, so concurrent epoch publications on one conversation run one after
 * the other (SQLite has one writer anyway).
 */
export async function lockConversationRow(db: Db, conversationId: string): Promise<void> {
  await db
    .updateTable("conversations")
    .set((eb) => ({ next_seq: eb.ref("next_seq") }))
    .where("id", "=", conversationId)
    .execute();
}

/** The highest epoch of a conversation, 0 when it has none. */
export async function lastEpoch(db: Db, conversationId: string): Promise<number> {
  const last = await db
    .selectFrom("conversation_epochs")
    .select((eb) => eb.fn.max("epoch").as("epoch"))
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  return Number(last?.epoch ?? 0);
}

/** Which of `accountIds` are current members of the conversation. */
export function listCurrentMembersAmong(db: Db, conversationId: string, accountIds: string[]) {
  return db
    .selectFrom("conversation_members")
    .select("account_id")
    .where("conversation_id", "=", conversationId)
    .where("left_at", "is", null)
    .where("account_id", "in", accountIds)
    .execute();
}

export async function insertEpochRecord(db: Db, row: ConversationEpochsTable): Promise<void> {
  await db.insertInto("conversation_epochs").values(row).execute();
}

/** The epoch key wrapped to the case team's and the archive's key generations. */
export async function insertEpochGroupWraps(db: Db, rows: EpochTeamWrapsTable[]): Promise<void> {
  await db.insertInto("epoch_team_wraps").values(rows).execute();
}

/**
 * The epoch key wrapped to each participant, in statements of at most 500 rows (bound-parameter limits). With
 * `keepExisting`, a wrap a recipient already holds for that epoch stays (a chat member added back, a channel
 * subscriber another owner wrapped to first): it opens the same key.
 */
export async function insertEpochKeyWraps(
  db: Db,
  rows: EpochKeyWrapsTable[],
  options: { keepExisting?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const insert = db.insertInto("epoch_key_wraps").values(rows.slice(i, i + 500));
    await (
      options.keepExisting
        ? insert.onConflict((oc) => oc.columns(["conversation_id", "epoch", "recipient_account_id"]).doNothing())
        : insert
    ).execute();
  }
}

/** Whether a new epoch is owed because a reader left, and which key generations it must be filed under. */
export function findRotationState(db: Db, conversationId: string) {
  return db
    .selectFrom("conversations")
    .select(["rotation_owed_since", "rotation_owed_reason", "rotation_team_generation", "rotation_archive_generation"])
    .where("id", "=", conversationId)
    .executeTakeFirst();
}

/**
 * `epoch` is now the conversation's newest: its messages are counted from the next seq and its age from `now`;
 * `clearOwed` also lifts an owed rotation.
 */
export async function setCurrentEpoch(
  db: Db,
  props: { conversationId: string; epoch: number; now: number; clearOwed: boolean },
): Promise<void> {
  await db
    .updateTable("conversations")
    .set((eb) => ({
      current_epoch: props.epoch,
      epoch_started_seq: eb.ref("next_seq"),
      epoch_started_at: props.now,
      ...(props.clearOwed
        ? {
            rotation_owed_since: null,
            rotation_owed_reason: null,
            rotation_team_generation: null,
            rotation_archive_generation: null,
          }
        : {}),
    }))
    .where("id", "=", props.conversationId)
    .execute();
}

/**
 * The conversations owe a new epoch. An earlier mark keeps its start time; the required generations only rise
 * (`team: "reset"` drops the team requirement: the conversation now belongs to another team). Conversations
 * without an epoch owe nothing (their first epoch will be new anyway).
 */
export async function markRotationOwed(
  db: Db,
  conversationIds: readonly string[],
  props: { reason: RotationReason; now: number; team: number | null | "reset"; archive: number | null },
): Promise<void> {
  const atLeast = (column: "rotation_team_generation" | "rotation_archive_generation", value: number) =>
    sql<number>`CASE WHEN ${sql.ref(column)} IS NULL OR ${sql.ref(column)} < ${value} THEN ${value} ELSE ${sql.ref(column)} END`;
  for (let i = 0; i < conversationIds.length; i += 500)
    await db
      .updateTable("conversations")
      .set((eb) => ({
        rotation_owed_since: eb.fn.coalesce("rotation_owed_since", sql<number>`${props.now}`),
        rotation_owed_reason: props.reason,
        ...(props.team === "reset"
          ? { rotation_team_generation: null }
          : props.team !== null
            ? { rotation_team_generation: atLeast("rotation_team_generation", props.team) }
            : {}),
        ...(props.archive !== null
          ? { rotation_archive_generation: atLeast("rotation_archive_generation", props.archive) }
          : {}),
      }))
      .where("id", "in", conversationIds.slice(i, i + 500))
      .where("current_epoch", ">", 0)
      .execute();
}
