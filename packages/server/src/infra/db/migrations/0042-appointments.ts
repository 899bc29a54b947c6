// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * Appointments (issue #20, ADR 0052). A counsellor's weekly availability as
 * local rules (weekday, local minutes, slot length, kinds offered, IANA time
 * zone) and days off; booked appointments as instants with their kind and
 * the case and counsellor ids only — nothing about the topic. One
 * counsellor, one start: the unique index makes concurrent bookings of a slot
 * resolve to exactly one winner on SQLite and PostgreSQL. A cancelled
 * appointment is deleted (the audit log keeps that it happened). A staff
 * member's calendar feed is kept as the hash of its secret token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("appointment_slots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("counsellor_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("weekday", "integer", (c) => c.notNull().check(sql`weekday >= 0 and weekday <= 6`))
    .addColumn("start_minute", "integer", (c) => c.notNull().check(sql`start_minute >= 0 and start_minute < 1440`))
    .addColumn("end_minute", "integer", (c) => c.notNull().check(sql`end_minute > 0 and end_minute <= 1440`))
    .addColumn("slot_minutes", "integer", (c) => c.notNull().check(sql`slot_minutes >= 15 and slot_minutes <= 240`))
    .addColumn("kinds", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addCheckConstraint("appointment_slots_order", sql`end_minute > start_minute`)
    .execute();
  await db.schema
    .createIndex("appointment_slots_by_counsellor")
    .on("appointment_slots")
    .column("counsellor_id")
    .execute();
  await db.schema
    .createTable("appointment_days_off")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("counsellor_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("day", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("appointment_days_off_pk", ["counsellor_id", "day"])
    .execute();
  await db.schema
    .createTable("appointments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("counsellor_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("starts_at", "bigint", (c) => c.notNull())
    .addColumn("ends_at", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('video', 'phone', 'on_site')`))
    .addColumn("booked_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  // The double-booking guard: one appointment per counsellor and start.
  await db.schema
    .createIndex("appointments_one_per_slot")
    .on("appointments")
    .columns(["counsellor_id", "starts_at"])
    .unique()
    .execute();
  await db.schema.createIndex("appointments_by_case").on("appointments").columns(["case_id", "starts_at"]).execute();
  await db.schema
    .createTable("calendar_feeds")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("calendar_feeds").execute();
  await db.schema.dropTable("appointments").execute();
  await db.schema.dropTable("appointment_days_off").execute();
  await db.schema.dropTable("appointment_slots").execute();
}
