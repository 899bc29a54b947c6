// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * The organisation's office hours (issue #17, ADR 0051), beside its other
 * rules for notices: the weekdays as a comma-separated list (0 Sunday …
 * 6 Saturday), opening and closing as minutes after local midnight, and the
 * IANA time zone they are meant in. All null: no office hours. Existing
 * organisations have none, so nothing they send changes.
 * notification_deferred.held_until: when a held notice's hold ends (its
 * digest's time). An office closed over a weekend holds notices for days; they
 * are pruned a day after their hold ends, not a day after they were held.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [column, type] of [
    ["office_days", "text"],
    ["office_start_minute", "integer"],
    ["office_end_minute", "integer"],
    ["office_time_zone", "text"],
  ] as const)
    await db.schema.alterTable("notification_settings").addColumn(column, type).execute();
  await db.schema.alterTable("notification_deferred").addColumn("held_until", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ["office_days", "office_start_minute", "office_end_minute", "office_time_zone"])
    await db.schema.alterTable("notification_settings").dropColumn(column).execute();
  await db.schema.alterTable("notification_deferred").dropColumn("held_until").execute();
}
