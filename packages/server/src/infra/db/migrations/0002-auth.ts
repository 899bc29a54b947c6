// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/** OPAQUE login state between the two login steps, failed-login counters, organisation root key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Kept in the database (not in memory) so the two login steps may hit different nodes.
  await db.schema
    .createTable("login_states")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text")
    .addColumn("username_key", "text", (c) => c.notNull())
    .addColumn("server_login_state", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_states_expiry_idx").on("login_states").column("expires_at").execute();

  // Keyed by a hash of the login name, existing or not, so the limit itself reveals nothing.
  await db.schema
    .createTable("auth_failures")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("organisations").addColumn("root_public_key", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("organisations").dropColumn("root_public_key").execute();
  await db.schema.dropTable("auth_failures").execute();
  await db.schema.dropTable("login_states").execute();
}
