// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database, MemberRole } from "../../infra/db/schema";

/**
 * Team chat members added later (ADR 0040). No authorisation here — conversation-members.ts decides first.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** The rows of these accounts in a conversation, current or former (a former member comes back on their row). */
export function memberRowsAmong(db: Db, conversationId: string, accountIds: readonly string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("conversation_members")
    .select(["account_id", "role", "left_at"])
    .where("conversation_id", "=", conversationId)
    .where("account_id", "in", [...accountIds])
    .execute();
}

/** One account's role in a conversation while a current member, else null. */
export async function currentRoleOf(db: Db, conversationId: string, accountId: string): Promise<MemberRole | null> {
  const row = await db
    .selectFrom("conversation_members")
    .select("role")
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", accountId)
    .where("left_at", "is", null)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** Former members become members again from `now` (their earlier markers stay). */
export async function rejoinMembers(
  db: Db,
  conversationId: string,
  accountIds: readonly string[],
  now: number,
): Promise<void> {
  if (accountIds.length === 0) return;
  await db
    .updateTable("conversation_members")
    .set({ left_at: null, joined_at: now, role: "member" })
    .where("conversation_id", "=", conversationId)
    .where("account_id", "in", [...accountIds])
    .where("left_at", "is not", null)
    .execute();
}
