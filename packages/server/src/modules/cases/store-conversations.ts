// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * The conversations behind cases and notes as the cases module writes them:
 * the conversation row, its members, its epochs and the epoch keys' wraps
 * (to accounts, to the team, to the archive). The message commit path and
 * later epochs are messaging's; these are the writes of opening, handing
 * over, re-binding and keeping members in line with the team.
 */
type Db = Kysely<Database> | Transaction<Database>;

type MemberRow = Database["conversation_members"];

export async function conversationExists(db: Db, conversationId: string): Promise<boolean> {
  const row = await db.selectFrom("conversations").select("id").where("id", "=", conversationId).executeTakeFirst();
  return row !== undefined;
}

export async function insertConversation(
  db: Db,
  row: Pick<Database["conversations"], "id" | "organisation_id" | "kind" | "created_by" | "created_at">,
): Promise<void> {
  await db.insertInto("conversations").values(row).execute();
}

/**
 * A no-op update of the conversation row: takes its row lock (PostgreSQL), so what follows is serialised with
 * message commits and epoch publications on the same conversation.
 */
export async function lockConversationRow(db: Db, conversationId: string): Promise<void> {
  await db
    .updateTable("conversations")
    .set((eb) => ({ next_seq: eb.ref("next_seq") }))
    .where("id", "=", conversationId)
    .execute();
}

/** One insert of all `rows` (callers keep batches at 500). */
export async function insertConversationMembers(db: Db, rows: Insertable<MemberRow>[]): Promise<void> {
  await db.insertInto("conversation_members").values(rows).execute();
}

/** Accounts currently in the conversation (left_at unset). */
export async function activeMemberIds(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("conversation_members")
    .select("account_id")
    .where("conversation_id", "=", conversationId)
    .where("left_at", "is", null)
    .execute();
  return rows.map((m) => m.account_id);
}

/** Every member row of the conversation, present or past. */
export async function memberRowsOf(
  db: Db,
  conversationId: string,
): Promise<Pick<MemberRow, "account_id" | "role" | "left_at">[]> {
  return db
    .selectFrom("conversation_members")
    .select(["account_id", "role", "left_at"])
    .where("conversation_id", "=", conversationId)
    .execute();
}

/** Whether the account has a member row in the conversation, present or past. */
export async function hasMemberRow(db: Db, conversationId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("conversation_members")
    .select("account_id")
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The accounts leave the conversation at `now`; their rows (and history) stay. */
export async function markMembersLeft(
  db: Db,
  conversationId: string,
  accountIds: string[],
  now: number,
): Promise<void> {
  await db
    .updateTable("conversation_members")
    .set({ left_at: now })
    .where("conversation_id", "=", conversationId)
    .where("account_id", "in", accountIds)
    .execute();
}

/** A former member comes back as team staff, joined now. */
export async function rejoinAsTeamMember(db: Db, conversationId: string, accountId: string, now: number) {
  await db
    .updateTable("conversation_members")
    .set({ left_at: null, role: "team", joined_at: now })
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", accountId)
    .execute();
}

export async function insertEpoch(db: Db, row: Database["conversation_epochs"]): Promise<void> {
  await db.insertInto("conversation_epochs").values(row).execute();
}

/** The epochs the conversations have. */
export async function epochsOf(
  db: Db,
  conversationIds: string[],
): Promise<{ conversation_id: string; epoch: number }[]> {
  return db
    .selectFrom("conversation_epochs")
    .select(["conversation_id", "epoch"])
    .where("conversation_id", "in", conversationIds)
    .execute();
}

/** One insert of all `rows` (callers keep batches at 500). */
export async function insertEpochKeyWraps(db: Db, rows: Database["epoch_key_wraps"][]): Promise<void> {
  await db.insertInto("epoch_key_wraps").values(rows).execute();
}

export async function insertEpochTeamWraps(db: Db, rows: Database["epoch_team_wraps"][]): Promise<void> {
  await db.insertInto("epoch_team_wraps").values(rows).execute();
}

/** Stores team wraps, replacing an existing wrap of the same epoch for the same team (a repeated handover). */
export async function upsertEpochTeamWraps(db: Db, rows: Database["epoch_team_wraps"][]): Promise<void> {
  await db
    .insertInto("epoch_team_wraps")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["conversation_id", "epoch", "role", "ref_id"]).doUpdateSet((eb) => ({
        generation: eb.ref("excluded.generation"),
        wrap: eb.ref("excluded.wrap"),
        created_at: eb.ref("excluded.created_at"),
      })),
    )
    .execute();
}

/** The team's wraps of the conversations' epochs, every generation stored, by conversation and epoch. */
export async function teamWrapsOf(
  db: Db,
  conversationIds: string[],
  teamId: string,
): Promise<Pick<Database["epoch_team_wraps"], "conversation_id" | "epoch" | "ref_id" | "generation" | "wrap">[]> {
  return db
    .selectFrom("epoch_team_wraps")
    .select(["conversation_id", "epoch", "ref_id", "generation", "wrap"])
    .where("conversation_id", "in", conversationIds)
    .where("role", "=", "team")
    .where("ref_id", "=", teamId)
    .orderBy("conversation_id")
    .orderBy("epoch")
    .execute();
}
