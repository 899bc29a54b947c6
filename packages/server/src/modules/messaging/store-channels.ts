// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * The queries of broadcast channels (ADR 0037). No authorisation here — modules/messaging/channels.ts decides
 * first (policies: `channel.*` in the permission table, gates/channels.ts), then calls these.
 */
type Db = Kysely<Database> | Transaction<Database>;

export type ChannelRow = Database["broadcast_channels"];

export async function insertChannel(db: Db, row: ChannelRow): Promise<void> {
  await db.insertInto("broadcast_channels").values(row).execute();
}

export function findChannel(db: Db, conversationId: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom("broadcast_channels")
    .selectAll()
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
}

/** The organisations' channels (optionally of one audience), oldest first. */
export function listChannelRows(db: Db, orgIds: readonly string[], audience?: "staff" | "clients") {
  if (orgIds.length === 0) return Promise.resolve([] as ChannelRow[]);
  let query = db.selectFrom("broadcast_channels").selectAll().where("organisation_id", "in", orgIds);
  if (audience) query = query.where("audience", "=", audience);
  return query.orderBy("created_at").orderBy("conversation_id").execute();
}

/** Whether the account leads some team of the organisation (team_lead counts for `channel.create`). */
export async function leadsTeamIn(db: Db, orgId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("team_members as tm")
    .innerJoin("teams as t", "t.id", "tm.team_id")
    .select("tm.team_id")
    .where("t.organisation_id", "=", orgId)
    .where("tm.account_id", "=", accountId)
    .where("tm.role", "=", "lead")
    .executeTakeFirst();
  return row !== undefined;
}

/** The organisations a client has a case with (any state). */
export async function clientCaseOrganisations(db: Db, clientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("cases")
    .select("organisation_id")
    .distinct()
    .where("client_id", "=", clientId)
    .execute();
  return rows.map((r) => r.organisation_id);
}

export async function organisationNames(db: Db, orgIds: readonly string[]): Promise<Map<string, string>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db.selectFrom("organisations").select(["id", "name"]).where("id", "in", orgIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The account's current part (owner or subscriber) in each of these channels. */
export async function myChannelRoles(
  db: Db,
  accountId: string,
  conversationIds: readonly string[],
): Promise<Map<string, "owner" | "subscriber">> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("conversation_members")
    .select(["conversation_id", "role"])
    .where("account_id", "=", accountId)
    .where("left_at", "is", null)
    .where("conversation_id", "in", conversationIds)
    .where("role", "in", ["owner", "subscriber"])
    .execute();
  return new Map(rows.map((r) => [r.conversation_id, r.role as "owner" | "subscriber"]));
}

/** The account's membership row in a conversation (also after leaving). */
export function findMemberRow(db: Db, conversationId: string, accountId: string) {
  return db
    .selectFrom("conversation_members")
    .select(["role", "left_at"])
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** Makes the account a current subscriber: a new row, or the former subscriber's row again. */
export async function upsertSubscriber(
  db: Db,
  props: { conversationId: string; accountId: string; now: number; rejoin: boolean },
): Promise<void> {
  if (props.rejoin) {
    await db
      .updateTable("conversation_members")
      .set({ left_at: null, joined_at: props.now })
      .where("conversation_id", "=", props.conversationId)
      .where("account_id", "=", props.accountId)
      .where("role", "=", "subscriber")
      .execute();
    return;
  }
  await db
    .insertInto("conversation_members")
    .values({
      conversation_id: props.conversationId,
      account_id: props.accountId,
      role: "subscriber",
      joined_at: props.now,
      left_at: null,
    })
    .execute();
}

/**
 * Current subscribers and the epochs of the channel they hold no key wrap of, with the account's kind and key
 * bundle (the public keys the owner's browser wraps to). One row per (subscriber, missing epoch).
 */
export function listMissingWraps(db: Db, conversationId: string) {
  return db
    .selectFrom("conversation_members as m")
    .innerJoin("conversation_epochs as e", "e.conversation_id", "m.conversation_id")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.account_id", "a.kind", "a.key_bundle", "e.epoch"])
    .where("m.conversation_id", "=", conversationId)
    .where("m.role", "=", "subscriber")
    .where("m.left_at", "is", null)
    .where("a.disabled_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("epoch_key_wraps as w")
            .select("w.epoch")
            .whereRef("w.conversation_id", "=", "m.conversation_id")
            .whereRef("w.epoch", "=", "e.epoch")
            .whereRef("w.recipient_account_id", "=", "m.account_id"),
        ),
      ),
    )
    .orderBy("m.account_id")
    .orderBy("e.epoch")
    .execute();
}

/** How many current subscribers of each channel wait for some epoch's wrap. */
export async function countWaitingSubscribers(db: Db, conversationId: string): Promise<number> {
  const rows = await listMissingWraps(db, conversationId);
  return new Set(rows.map((r) => r.account_id)).size;
}

/** Whether the account holds a wrap of the channel's newest epoch (false while it has none). */
export async function holdsNewestEpoch(db: Db, conversationId: string, accountId: string): Promise<boolean> {
  const newest = await db
    .selectFrom("conversation_epochs")
    .select((eb) => eb.fn.max("epoch").as("epoch"))
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  const epoch = Number(newest?.epoch ?? 0);
  if (epoch === 0) return false;
  const wrap = await db
    .selectFrom("epoch_key_wraps")
    .select("epoch")
    .where("conversation_id", "=", conversationId)
    .where("epoch", "=", epoch)
    .where("recipient_account_id", "=", accountId)
    .executeTakeFirst();
  return wrap !== undefined;
}

/** Which of these epochs exist in the conversation. */
export async function existingEpochs(db: Db, conversationId: string, epochs: readonly number[]): Promise<Set<number>> {
  if (epochs.length === 0) return new Set();
  const rows = await db
    .selectFrom("conversation_epochs")
    .select("epoch")
    .where("conversation_id", "=", conversationId)
    .where("epoch", "in", [...new Set(epochs)])
    .execute();
  return new Set(rows.map((r) => Number(r.epoch)));
}

/** Which of these accounts are current subscribers of the channel. */
export async function currentSubscribersAmong(
  db: Db,
  conversationId: string,
  accountIds: readonly string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("conversation_members")
    .select("account_id")
    .where("conversation_id", "=", conversationId)
    .where("role", "=", "subscriber")
    .where("left_at", "is", null)
    .where("account_id", "in", [...new Set(accountIds)])
    .execute();
  return new Set(rows.map((r) => r.account_id));
}
