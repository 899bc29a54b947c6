// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Content-free e-mail notices (issue #17, ADR 0034):
 * - notify_addresses: a person's own address for notices, sealed under the
 *   instance notifyKey (never readable from a dump), usable only after the
 *   double opt-in (`confirmed_at`); the pending link is stored as a hash.
 *   Staff may also opt in to a notice of new enquiries (`new_enquiry`).
 * - notification_deliveries: one row per notice sent, keyed by the job's
 *   idempotency key (event + recipient + channel): no second mail for the same
 *   key, and the per-recipient rate limit counts these. No address, no content.
 * - notification_settings: the organisation's neutral sender name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notify_addresses")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("address_sealed", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "bigint")
    .addColumn("token_hash", "text")
    .addColumn("token_expires_at", "bigint")
    .addColumn("new_enquiry", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notify_addresses_token").on("notify_addresses").column("token_hash").execute();

  await db.schema
    .createTable("notification_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("sent_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notification_deliveries_account")
    .on("notification_deliveries")
    .columns(["account_id", "sent_at"])
    .execute();

  await db.schema
    .createTable("notification_settings")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("sender_name", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["notification_settings", "notification_deliveries", "notify_addresses"])
    await db.schema.dropTable(t).execute();
}
