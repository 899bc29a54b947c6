// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, NotifyAddressesTable } from "../../infra/db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type NotifyAddressRow = Selectable<NotifyAddressesTable>;

export async function findNotifyAddress(db: Db, accountId: string): Promise<NotifyAddressRow | undefined> {
  return db.selectFrom("notify_addresses").selectAll().where("account_id", "=", accountId).executeTakeFirst();
}

/** A new or changed address starts unconfirmed, whatever was confirmed before. */
export async function storePendingAddress(db: Db, row: NotifyAddressRow): Promise<void> {
  await db
    .insertInto("notify_addresses")
    .values(row)
    .onConflict((oc) =>
      oc.column("account_id").doUpdateSet({
        address_sealed: row.address_sealed,
        language: row.language,
        confirmed_at: null,
        token_hash: row.token_hash,
        token_expires_at: row.token_expires_at,
        new_enquiry: row.new_enquiry,
      }),
    )
    .execute();
}

export async function confirmByToken(db: Db, hash: string, now: number): Promise<string | undefined> {
  const row = await db
    .selectFrom("notify_addresses")
    .select(["account_id", "token_expires_at"])
    .where("token_hash", "=", hash)
    .executeTakeFirst();
  if (!row || row.token_expires_at === null || Number(row.token_expires_at) <= now) return undefined;
  await db
    .updateTable("notify_addresses")
    .set({ confirmed_at: now, token_hash: null, token_expires_at: null })
    .where("account_id", "=", row.account_id)
    .where("token_hash", "=", hash)
    .execute();
  return row.account_id;
}

export async function deleteNotifyAddress(db: Db, accountId: string): Promise<boolean> {
  const result = await db.deleteFrom("notify_addresses").where("account_id", "=", accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function hasConfirmedAddress(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("notify_addresses")
    .select("account_id")
    .where("account_id", "=", accountId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function wasDelivered(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom("notification_deliveries").select("id").where("id", "=", id).executeTakeFirst()) !== undefined
  );
}

/** Notices sent to an account on one channel since then (each channel has its own daily bound). */
export async function deliveriesSince(db: Db, accountId: string, since: number, channel: string): Promise<number> {
  const row = await db
    .selectFrom("notification_deliveries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .where("channel", "=", channel)
    .where("sent_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordDelivery(
  db: Db,
  row: { id: string; account_id: string; kind: string; channel: string; sent_at: number },
): Promise<void> {
  await db
    .insertInto("notification_deliveries")
    .values(row)
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

export async function pruneDeliveries(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom("notification_deliveries").where("sent_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findSenderName(db: Db, orgId: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom("notification_settings")
      .select("sender_name")
      .where("organisation_id", "=", orgId)
      .executeTakeFirst()
  )?.sender_name;
}

export async function deliveredKindSince(
  db: Db,
  accountId: string,
  kind: string,
  since: number,
  channel: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("notification_deliveries")
    .select("id")
    .where("account_id", "=", accountId)
    .where("channel", "=", channel)
    .where("kind", "=", kind)
    .where("sent_at", ">", since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function addressForms(
  db: Db,
  clientId: string,
  topicId: string,
): Promise<{ own: "formal" | "informal" | null; topic: "formal" | "informal" | null }> {
  const own = await db.selectFrom("accounts").select("address_form").where("id", "=", clientId).executeTakeFirst();
  const topic = await db.selectFrom("topics").select("address_form").where("id", "=", topicId).executeTakeFirst();
  return { own: own?.address_form ?? null, topic: topic?.address_form ?? null };
}

/** The client's own form and the topic's form of their newest case. */
export async function newestCaseForms(
  db: Db,
  accountId: string,
): Promise<{ own?: "formal" | "informal" | null; topic: "formal" | "informal" | null } | undefined> {
  return db
    .selectFrom("accounts")
    .leftJoin("cases", "cases.client_id", "accounts.id")
    .leftJoin("topics", "topics.id", "cases.topic_id")
    .select(["accounts.address_form as own", "topics.address_form as topic"])
    .where("accounts.id", "=", accountId)
    .orderBy("cases.created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function accountKind(
  db: Db,
  accountId: string,
): Promise<{ kind: "client" | "staff"; organisation_id: string | null }> {
  return db
    .selectFrom("accounts")
    .select(["kind", "organisation_id"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
}
