// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * Voluntary client details for the statistics (issue #22, ADR 0050): which
 * questions an organisation asks (age band, gender; both off by default) and
 * what a client chose to answer, one row per client and organisation. Only
 * the band is stored, never a birth date; no answer is no row or null
 * ("keine Angabe"). Metadata the server sees (not end-to-end encrypted);
 * gone with the account or the organisation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("client_detail_questions")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("ask_age_band", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ask_gender", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("client_details")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("age_band", "text", (c) =>
      c.check(sql`age_band in ('under_14', '14_17', '18_26', '27_49', '50_64', '65_plus')`),
    )
    .addColumn("gender", "text", (c) => c.check(sql`gender in ('female', 'male', 'diverse')`))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("client_details_pk", ["organisation_id", "account_id"])
    .execute();
  await db.schema.createIndex("client_details_account").on("client_details").column("account_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("client_details").execute();
  await db.schema.dropTable("client_detail_questions").execute();
}
