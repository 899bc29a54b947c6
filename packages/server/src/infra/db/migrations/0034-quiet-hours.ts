// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Quiet hours and the digest (issue #17, ADR 0041):
 * - quiet_hours: a person's own quiet hours — local start and end (minutes
 *   after midnight) in an IANA time zone, so 22:00–07:00 Europe/Berlin stays
 *   22:00–07:00 across the clock changes. One row per account, gone with it.
 * - notification_deferred: a notice that fell into the recipient's quiet
 *   hours, per channel, kept until the digest job at the end of the quiet
 *   hours merges all of them into one notice. The id is the notice job's
 *   idempotency key (a retried job defers once); kind and channel only, no
 *   address, no content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("quiet_hours")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("start_minute", "integer", (c) => c.notNull())
    .addColumn("end_minute", "integer", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notification_deferred")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("deferred_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notification_deferred_account")
    .on("notification_deferred")
    .columns(["account_id", "channel"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["notification_deferred", "quiet_hours"]) await db.schema.dropTable(t).execute();
}
