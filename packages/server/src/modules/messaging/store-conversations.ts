// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely, type Transaction } from "kysely";
import type { ConversationKind, ConversationMembersTable, Database, MemberRole } from "../../infra/db/schema";

/**
 * Conversation rows and their members: membership look-ups, creation, the
 * list and detail views, and the read/delivered markers. No authorisation
 * here — modules/messaging/conversations.ts decides first, then calls these.
 */
type Db = Kysely<Database> | Transaction<Database>;

export interface MembershipRow {
  id: string;
  organisation_id: string | null;
  kind: ConversationKind;
  role: MemberRole;
  left_at: number | null;
  read_seq: number;
  delivered_seq: number;
}

/** One account's membership row in a conversation (also after leaving), with the conversation's kind and organisation. */
export function findMembershipRow(
  db: Db,
  conversationId: string,
  accountId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select(["c.id", "c.organisation_id", "c.kind", "m.role", "m.left_at", "m.read_seq", "m.delivered_seq"])
    .where("m.conversation_id", "=", conversationId)
    .where("m.account_id", "=", accountId)
    .executeTakeFirst();
}

/** The accounts to be added to a new conversation, with what the creation policy needs of them. */
export async function findParticipantAccounts(db: Db, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom("accounts")
    .select(["id", "kind", "organisation_id", "disabled_at"])
    .where("id", "in", accountIds)
    .execute();
}

export async function insertConversation(
  db: Db,
  row: { id: string; organisation_id: string | null; kind: ConversationKind; created_by: string; created_at: number },
): Promise<void> {
  await db.insertInto("conversations").values(row).execute();
}

/** Inserts members in statements of at most 500 rows (bound-parameter limits). */
export async function insertConversationMembers(
  db: Db,
  members: Pick<ConversationMembersTable, "conversation_id" | "account_id" | "role" | "joined_at" | "left_at">[],
): Promise<void> {
  for (let i = 0; i < members.length; i += 500)
    await db
      .insertInto("conversation_members")
      .values(members.slice(i, i + 500))
      .execute();
}

/** The direct conversation in which both accounts are members, if any. */
export async function findDirectConversationId(db: Db, a: string, b: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("conversations as c")
    .innerJoin("conversation_members as ma", (j) =>
      j.onRef("ma.conversation_id", "=", "c.id").on("ma.account_id", "=", a),
    )
    .innerJoin("conversation_members as mb", (j) =>
      j.onRef("mb.conversation_id", "=", "c.id").on("mb.account_id", "=", b),
    )
    .select("c.id")
    .where("c.kind", "=", "direct")
    .executeTakeFirst();
  return row?.id;
}

/** An account's current conversations with its markers, newest activity first (at most 1000). */
export function listMemberConversations(db: Db, accountId: string) {
  return db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select([
      "c.id",
      "c.organisation_id",
      "c.kind",
      "c.created_at",
      "c.next_seq",
      "c.title_envelope",
      ...EPOCH_FACT_COLUMNS,
      "m.role",
      "m.read_seq",
      "m.delivered_seq",
    ])
    .where("m.account_id", "=", accountId)
    .where("m.left_at", "is", null)
    .orderBy("c.next_seq", "desc")
    .orderBy("c.id")
    .limit(1000)
    .execute();
}

/** What `owedRotation` (policies/gates/epoch-rotation.ts) needs of a conversation row, besides next_seq. */
const EPOCH_FACT_COLUMNS = [
  "c.current_epoch",
  "c.epoch_started_seq",
  "c.epoch_started_at",
  "c.rotation_owed_since",
] as const;

/**
 * When a conversation was created, the seq its next message gets and its epoch facts; throws when it does not
 * exist.
 */
export function findConversationCounters(db: Db, conversationId: string) {
  return db
    .selectFrom("conversations as c")
    .select(["c.created_at", "c.next_seq", "c.title_envelope", ...EPOCH_FACT_COLUMNS])
    .where("c.id", "=", conversationId)
    .executeTakeFirstOrThrow();
}

/** Current members with one of `roles` (or all), in joining order, at most 1000. */
export function listCurrentMembers(db: Db, conversationId: string, roles: readonly MemberRole[] | "all") {
  let q = db
    .selectFrom("conversation_members")
    .select(["account_id", "role", "joined_at"])
    .where("conversation_id", "=", conversationId)
    .where("left_at", "is", null);
  if (roles !== "all") q = q.where("role", "in", [...roles]);
  return q.orderBy("joined_at").orderBy("account_id").limit(1000).execute();
}

/** Current members' read and delivered markers with their role and account kind (for shared receipts), at most 1000. */
export function listMemberMarkers(db: Db, conversationId: string) {
  return db
    .selectFrom("conversation_members as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.account_id", "m.role", "m.read_seq", "m.delivered_seq", "a.kind"])
    .where("m.conversation_id", "=", conversationId)
    .where("m.left_at", "is", null)
    .orderBy("m.joined_at")
    .limit(1000)
    .execute();
}

/** The seq the conversation's next message gets, or undefined when there is no such conversation. */
export async function findNextSeq(db: Db, conversationId: string): Promise<number | undefined> {
  const conv = await db
    .selectFrom("conversations")
    .select("next_seq")
    .where("id", "=", conversationId)
    .executeTakeFirst();
  return conv?.next_seq;
}

/**
 * Sets a member's marker to `target` where it is lower (a read marker
 * raises the delivered one with it). Returns whether a row changed.
 */
export async function raiseMarker(
  db: Db,
  conversationId: string,
  accountId: string,
  marker: "read_seq" | "delivered_seq",
  target: number,
): Promise<boolean> {
  const res = await db
    .updateTable("conversation_members")
    .set(
      marker === "read_seq"
        ? {
            read_seq: target,
            delivered_seq: sql<number>`case when delivered_seq < ${target} then ${target} else delivered_seq end`,
          }
        : { delivered_seq: target },
    )
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", accountId)
    .where(marker, "<", target)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The member leaves the conversation at `now` (their row and what they sent stay); false when they were not a current member. */
export async function markMemberLeft(db: Db, conversationId: string, accountId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable("conversation_members")
    .set({ left_at: now })
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", accountId)
    .where("left_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Stores a team chat's sealed title (replacing an earlier one). */
export async function setTitleEnvelope(db: Db, conversationId: string, envelope: Uint8Array): Promise<void> {
  await db.updateTable("conversations").set({ title_envelope: envelope }).where("id", "=", conversationId).execute();
}

/** The accounts that are members of a conversation now. */
export async function currentMemberIds(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("conversation_members")
    .select("account_id")
    .where("conversation_id", "=", conversationId)
    .where("left_at", "is", null)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Staff conversation kinds: chats and channels, whose epochs are wrapped to their members' own keys (ADR 0033). */
const STAFF_CHAT_KINDS: readonly ConversationKind[] = ["team", "direct", "broadcast"];

/** The staff chats and channels `accountId` is a current member of. */
export async function currentStaffChatIdsOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select("c.id")
    .where("m.account_id", "=", accountId)
    .where("m.left_at", "is", null)
    .where("c.kind", "in", [...STAFF_CHAT_KINDS])
    .execute();
  return rows.map((r) => r.id);
}

/** Marks `accountId` as having left each of `conversationIds` now (a no-op where they already left). */
export async function markMemberLeftAll(
  db: Db,
  conversationIds: readonly string[],
  accountId: string,
  now: number,
): Promise<void> {
  for (let i = 0; i < conversationIds.length; i += 500)
    await db
      .updateTable("conversation_members")
      .set({ left_at: now })
      .where("conversation_id", "in", conversationIds.slice(i, i + 500))
      .where("account_id", "=", accountId)
      .where("left_at", "is", null)
      .execute();
}
