// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Web Push and the staff bell (issue #17, ADR 0038):
 * - push_subscriptions: one browser's push subscription (RFC 8030 endpoint,
 *   RFC 8291 keys) on a kept device of its owner — it goes with the device
 *   (foreign key), with the account, and when the login that made it ends
 *   (`session_id`, deleted by the session's end like a client's kept device).
 * - staff_notifications: the bell's entries per recipient: a kind, the case
 *   it points to, when, and whether it was read. No content, no names; the
 *   id is the event's idempotency key (event + recipient), so an event is
 *   listed once. Housekeeping deletes entries after 30 days.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("push_subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("device_id", "text", (c) => c.notNull().references("device_keys.id").onDelete("cascade"))
    .addColumn("session_id", "text")
    .addColumn("endpoint", "text", (c) => c.notNull().unique())
    .addColumn("p256dh", "text", (c) => c.notNull())
    .addColumn("auth", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_sent_at", "bigint")
    .execute();
  await db.schema.createIndex("push_subscriptions_account").on("push_subscriptions").column("account_id").execute();
  await db.schema.createIndex("push_subscriptions_session").on("push_subscriptions").column("session_id").execute();

  await db.schema
    .createTable("staff_notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.references("cases.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("read_at", "bigint")
    .execute();
  await db.schema
    .createIndex("staff_notifications_account")
    .on("staff_notifications")
    .columns(["account_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["staff_notifications", "push_subscriptions"]) await db.schema.dropTable(t).execute();
}
