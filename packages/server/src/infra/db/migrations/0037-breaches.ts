// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * The breach register (Art. 33/34 GDPR, issue #21, ADR 0047): one row per
 * personal-data breach as the DPO records it, the assessment and when the
 * authority and the persons affected were told. `breach_reminders` claims
 * each deadline reminder (24 h, 4 h, overdue) once per breach, so the
 * scheduled job may run on any node and as often as it likes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("breaches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("aware_at", "bigint", (c) => c.notNull())
    .addColumn("data_categories", "text", (c) => c.notNull())
    .addColumn("persons_affected", "integer")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn("risk", "text", (c) => c.notNull().check(sql`risk in ('unassessed', 'none', 'risk', 'high')`))
    .addColumn("consequences", "text", (c) => c.notNull())
    .addColumn("measures", "text", (c) => c.notNull())
    .addColumn("authority_notified_at", "bigint")
    .addColumn("delay_reason", "text")
    .addColumn("persons_notified_at", "bigint")
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("breaches_by_org").on("breaches").columns(["organisation_id", "aware_at"]).execute();
  await db.schema
    .createTable("breach_reminders")
    .addColumn("breach_id", "text", (c) => c.notNull().references("breaches.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('h24', 'h4', 'overdue')`))
    .addColumn("sent_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("breach_reminders_pk", ["breach_id", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("breach_reminders").execute();
  await db.schema.dropTable("breaches").execute();
}
