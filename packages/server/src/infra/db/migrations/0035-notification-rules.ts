// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * Rules for notices (issue #17, ADR 0044):
 * - notification_rules: a person's own switch per event kind and channel
 *   (bell, email, push). Only what the person set is stored; the rest follows
 *   the privacy defaults (protocol `defaultRule`). Gone with the account.
 *   The older per-address "new enquiry" switch (notify_addresses.new_enquiry)
 *   is carried over as the rule (new_enquiry, email) and no longer read.
 * - quiet_hours.weekends: the quiet hours also cover Saturday and Sunday.
 * - notification_settings: the organisation's rules — e-mail and push on or
 *   off for the whole organisation, whether clients may use e-mail notices,
 *   and after how many hours an unassigned enquiry is reported to the team's
 *   leads (null: never).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notification_rules")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_rules_pk", ["account_id", "kind", "channel"])
    .execute();
  await sql`insert into notification_rules (account_id, kind, channel, enabled, updated_at)
    select account_id, 'new_enquiry', 'email', 1, created_at from notify_addresses where new_enquiry = 1`.execute(db);

  await db.schema
    .alterTable("quiet_hours")
    .addColumn("weekends", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  for (const [column, fallback] of [
    ["email_enabled", 1],
    ["push_enabled", 1],
    ["client_email", 1],
  ] as const)
    await db.schema
      .alterTable("notification_settings")
      .addColumn(column, "integer", (c) => c.notNull().defaultTo(fallback))
      .execute();
  await db.schema.alterTable("notification_settings").addColumn("enquiry_wait_hours", "integer").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("notification_rules").execute();
  await db.schema.alterTable("quiet_hours").dropColumn("weekends").execute();
  for (const column of ["email_enabled", "push_enabled", "client_email", "enquiry_wait_hours"])
    await db.schema.alterTable("notification_settings").dropColumn(column).execute();
}
