// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * Training records (issue #21, ADR 0048): the trainings an organisation's
 * DPO sets up (title, content and/or link, refresh interval in months or
 * null for once, audience: all staff or one role), and each staff member's
 * confirmations of taking part, kept as a history (one row per
 * participation, the day as a calendar date). `training_reminders` claims
 * the "a training is due" notice once per person and due period, so the
 * scheduled job may run on any node and as often as it likes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("trainings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("interval_months", "integer", (c) => c.check(sql`interval_months is null or interval_months > 0`))
    .addColumn("audience", "text", (c) =>
      c.notNull().check(sql`audience in ('all', 'counsellor', 'org_admin', 'dpo', 'report_office')`),
    )
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("trainings_by_org").on("trainings").columns(["organisation_id", "created_at"]).execute();
  await db.schema
    .createTable("training_confirmations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("training_id", "text", (c) => c.notNull().references("trainings.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("attended_on", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("training_confirmations_by_training")
    .on("training_confirmations")
    .columns(["training_id", "account_id", "attended_on"])
    .execute();
  await db.schema
    .createTable("training_reminders")
    .addColumn("training_id", "text", (c) => c.notNull().references("trainings.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("due_since", "text", (c) => c.notNull())
    .addColumn("sent_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("training_reminders_pk", ["training_id", "account_id", "due_since"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("training_reminders").execute();
  await db.schema.dropTable("training_confirmations").execute();
  await db.schema.dropTable("trainings").execute();
}
