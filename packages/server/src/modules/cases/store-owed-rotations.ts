// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * The queries behind the console's count of owed epochs (owed-rotations.ts): conversations of an organisation
 * whose new epoch is owed after someone left (`rotation_owed_since`), or whose current epoch has served the
 * message or day limit. Conversations of archived cases are left out: nothing is written there any more.
 */
type Db = Kysely<Database> | Transaction<Database>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Not a conversation (or notes) of an archived case. */
const notArchivedCase = sql<boolean>`NOT EXISTS (SELECT 1 FROM cases k WHERE k.state = 'archived'
  AND (k.conversation_id = c.id OR k.notes_conversation_id = c.id))`;

/** Conversations owed after a departure, per kind and reason. */
export function countOwedByKind(db: Db, orgId: string) {
  return db
    .selectFrom("conversations as c")
    .select(["c.kind", "c.rotation_owed_reason"])
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
    .where("c.organisation_id", "=", orgId)
    .where("c.current_epoch", ">", 0)
    .where("c.rotation_owed_since", "is not", null)
    .where(notArchivedCase)
    .groupBy(["c.kind", "c.rotation_owed_reason"])
    .execute();
}

/** Conversations with nothing owed for a departure whose current epoch reached the message or day limit. */
export async function countDueByLimit(
  db: Db,
  orgId: string,
  limits: { maxMessages: number; maxDays: number },
  now: number,
): Promise<number> {
  const row = await db
    .selectFrom("conversations as c")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
    .where("c.organisation_id", "=", orgId)
    .where("c.current_epoch", ">", 0)
    .where("c.rotation_owed_since", "is", null)
    .where((eb) =>
      eb.or([
        eb(sql<number>`c.next_seq - c.epoch_started_seq`, ">=", limits.maxMessages),
        eb("c.epoch_started_at", "<=", now - limits.maxDays * DAY_MS),
      ]),
    )
    .where(notArchivedCase)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Case conversations and notes owed after a departure that `accountId` is a current member of and whose case team
 * they lead (an administrator's role holds no case permission; leading the team does, without break glass), with
 * their case, oldest owed first (at most `limit`).
 */
export function listOwedCaseConversationsOf(db: Db, orgId: string, accountId: string, limit: number) {
  return db
    .selectFrom("conversations as c")
    .innerJoin("conversation_members as m", "m.conversation_id", "c.id")
    .innerJoin("cases as k", (j) =>
      j.on((eb) =>
        eb.or([eb("k.conversation_id", "=", eb.ref("c.id")), eb("k.notes_conversation_id", "=", eb.ref("c.id"))]),
      ),
    )
    .innerJoin("team_members as t", (j) => j.onRef("t.team_id", "=", "k.team_id").on("t.account_id", "=", accountId))
    .select(["k.id as case_id", "c.id as conversation_id", "c.kind"])
    .where("c.organisation_id", "=", orgId)
    .where("c.kind", "in", ["case", "notes"])
    .where("c.current_epoch", ">", 0)
    .where("c.rotation_owed_since", "is not", null)
    .where("k.state", "!=", "archived")
    .where("m.account_id", "=", accountId)
    .where("m.left_at", "is", null)
    .where("t.role", "=", "lead")
    .orderBy("c.rotation_owed_since")
    .orderBy("c.id")
    .limit(limit)
    .execute();
}
