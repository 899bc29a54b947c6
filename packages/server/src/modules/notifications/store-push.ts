// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, PushSubscriptionsTable } from "../../infra/db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export async function listPushSubscriptionsOf(db: Db, accountId: string): Promise<PushSubscriptionRow[]> {
  return db
    .selectFrom("push_subscriptions")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at", "asc")
    .execute();
}

export async function hasPushSubscription(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("push_subscriptions")
    .select("id")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these accounts have at least one subscription. */
export async function accountsWithPush(db: Db, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("push_subscriptions")
    .select("account_id")
    .distinct()
    .where("account_id", "in", accountIds)
    .execute();
  return new Set(rows.map((r) => r.account_id));
}

/** A browser subscribes again with the same endpoint (new keys, another login): the row is replaced. */
export async function storePushSubscription(db: Db, row: PushSubscriptionRow): Promise<void> {
  await db.deleteFrom("push_subscriptions").where("endpoint", "=", row.endpoint).execute();
  await db.insertInto("push_subscriptions").values(row).execute();
}

export async function deletePushSubscription(db: Db, accountId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("push_subscriptions")
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The push service answered 404/410: the subscription is dead. */
export async function prunePushSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom("push_subscriptions").where("id", "=", id).execute();
}

export async function markPushSent(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable("push_subscriptions").set({ last_sent_at: now }).where("id", "=", id).execute();
}

/** A kept device of this account; for a client's, also of this login (it ends with it, ADR 0027). */
export async function ownKeptDevice(
  db: Db,
  props: { accountId: string; deviceId: string },
): Promise<{ session_id: string | null } | undefined> {
  return db
    .selectFrom("device_keys")
    .select("session_id")
    .where("id", "=", props.deviceId)
    .where("account_id", "=", props.accountId)
    .executeTakeFirst();
}
