// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { ConversationEpochsTable, Database, EpochKeyWrapsTable, EpochTeamWrapsTable } from "../../infra/db/schema";

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

/** The epoch key wrapped to each participant, in statements of at most 500 rows (bound-parameter limits). */
export async function insertEpochKeyWraps(db: Db, rows: EpochKeyWrapsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("epoch_key_wraps")
      .values(rows.slice(i, i + 500))
      .execute();
}
