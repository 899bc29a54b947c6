// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Staff opt-in device keys (issue 3, item 10; docs/CRYPTO.md §5a): the
 * account master key wrapped under a non-extractable key that only one
 * browser holds. The server keeps the wrap so it can be revoked (forget this
 * device, logout, offboarding, key reset) and hands it out only to a live
 * session of the account. No device names or user agents are stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("device_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("wrap", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("device_keys_account_idx").on("device_keys").column("account_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("device_keys").execute();
}
