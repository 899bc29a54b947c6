// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Case re-binding (issue 3, item 8): a client who lost password and recovery
 * code signs up anew and reads a one-time code to their counsellor out of
 * band. Only the code's SHA-256 is stored; it expires after 24 hours and is
 * consumed by the re-binding. The account id carries no foreign key: codes
 * are deleted with the account by the housekeeping of expired rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_rebind_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .execute();
  await db.schema.createIndex("case_rebind_codes_account_idx").on("case_rebind_codes").column("account_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("case_rebind_codes").execute();
}
