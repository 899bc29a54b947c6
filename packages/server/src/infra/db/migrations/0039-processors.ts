// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * The processor register (Art. 28 GDPR, issue #21, ADR 0049): one row per
 * processor of an organisation as its administrators keep it. Rows are
 * archived (`archived_at`), never deleted, so the register keeps its history
 * and a stored Art. 30 version still names what it named. Sub-processors are
 * a JSON list of {name, country}: always read and written with their
 * processor, never queried on their own. `processor_register_seeds` marks the
 * organisations whose register was seeded from OBHUT_PROCESSORS once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("processors")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("third_country", "integer", (c) => c.notNull().check(sql`third_country in (0, 1)`))
    .addColumn("safeguard", "text", (c) => c.check(sql`safeguard in ('adequacy', 'scc', 'bcr', 'other')`))
    .addColumn("contract_date", "text")
    .addColumn("review_date", "text")
    .addColumn("sub_processors", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("archived_at", "bigint")
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addCheckConstraint("processors_safeguard_with_transfer", sql`third_country = 0 or safeguard is not null`)
    .execute();
  await db.schema.createIndex("processors_by_org").on("processors").columns(["organisation_id", "name"]).execute();
  await db.schema
    .createTable("processor_register_seeds")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("seeded_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("processor_register_seeds").execute();
  await db.schema.dropTable("processors").execute();
}
