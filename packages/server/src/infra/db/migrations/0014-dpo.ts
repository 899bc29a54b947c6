// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Data-protection officer tools (issue 7, items 4 and 7): break-glass grants
 * (a non-assignee's time-limited access to an assigned case, with the
 * reason) and the stored versions of the record of processing activities
 * (Art. 30 GDPR) with their hash. Case and account ids carry no foreign key:
 * the retention job deletes a case's grants explicitly with the case, and a
 * grant stays evidence after its staff account is gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("break_glass_grants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    // Organisational text written by staff ("Vertretung, Klientin meldet Notfall"), never case content.
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("break_glass_grants_case_idx")
    .on("break_glass_grants")
    .columns(["case_id", "account_id", "expires_at"])
    .execute();
  await db.schema
    .createIndex("break_glass_grants_org_idx")
    .on("break_glass_grants")
    .columns(["organisation_id", "created_at"])
    .execute();

  await db.schema
    .createTable("processing_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    // The record as canonical JSON; `sha256` is its lower-case hex SHA-256.
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("processing_records_version_uq", ["organisation_id", "version"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("processing_records").execute();
  await db.schema.dropTable("break_glass_grants").execute();
}
