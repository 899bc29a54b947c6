// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, NotificationDeferredTable, QuietHoursTable } from "../../infra/db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type QuietHoursRow = Selectable<QuietHoursTable>;
export type DeferredRow = Selectable<NotificationDeferredTable>;

export async function findQuietHours(db: Db, accountId: string): Promise<QuietHoursRow | undefined> {
  return db.selectFrom("quiet_hours").selectAll().where("account_id", "=", accountId).executeTakeFirst();
}

export async function storeQuietHours(db: Db, row: QuietHoursRow): Promise<void> {
  await db
    .insertInto("quiet_hours")
    .values(row)
    .onConflict((oc) =>
      oc.column("account_id").doUpdateSet({
        start_minute: row.start_minute,
        end_minute: row.end_minute,
        time_zone: row.time_zone,
        weekends: row.weekends,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteQuietHours(db: Db, accountId: string): Promise<boolean> {
  const result = await db.deleteFrom("quiet_hours").where("account_id", "=", accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Held back once per notice key: a retried or re-claimed notice job adds nothing. */
export async function insertDeferred(db: Db, row: DeferredRow): Promise<void> {
  await db
    .insertInto("notification_deferred")
    .values(row)
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

export async function listDeferred(db: Db, accountId: string, channel: string, until: number): Promise<DeferredRow[]> {
  return db
    .selectFrom("notification_deferred")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("channel", "=", channel)
    .where("deferred_at", "<=", until)
    .orderBy("deferred_at")
    .execute();
}

export async function deleteDeferred(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("notification_deferred").where("id", "in", ids).execute();
}

/** Held notices whose hold was moved (the hours changed meanwhile) now wait until `until`. */
export async function extendDeferred(db: Db, ids: readonly string[], until: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("notification_deferred").set({ held_until: until }).where("id", "in", ids).execute();
}

/**
 * Held notices nobody collected (the digest job failed for good): gone once the notice age limit has passed
 * since their hold ended (ADR 0051; rows from before migration 0041: since they were held).
 */
export async function pruneDeferred(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom("notification_deferred")
    .where((eb) =>
      eb.or([eb("held_until", "<", before), eb.and([eb("held_until", "is", null), eb("deferred_at", "<", before)])]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
