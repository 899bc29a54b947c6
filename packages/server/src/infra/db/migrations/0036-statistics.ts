// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * Statistics for funders (issue #22, ADR 0045): the organisation's minimum
 * cell size k. No row means the default 5; the check keeps a stored value
 * from ever going below it. The figures themselves are computed on request
 * from case and message metadata; nothing is stored per report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("statistics_settings")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("min_cell_size", "integer", (c) => c.notNull().check(sql`min_cell_size >= 5`))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("statistics_settings").execute();
}
