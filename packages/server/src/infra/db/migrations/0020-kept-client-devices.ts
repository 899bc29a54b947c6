// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Clients may keep their keys on their own device (issue #15, item 4; ADR 0027).
 *
 * `device_keys.session_id`: set for a client's device, whose wrap lives exactly
 * as long as the login that made it (logout, session end and the idle limit
 * delete it); null for staff devices, which outlive a session (ADR 0027).
 *
 * `sessions.idle_ms`: the idle limit of one session when it differs from its
 * role's policy — a client's session on a kept device runs on the kept-device
 * limit instead of the short shared-device one; null: the role's policy.
 *
 * `client_device_policies`: per organisation, how long a client's kept device
 * may stay idle; no row means the default (12 hours).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("device_keys").addColumn("session_id", "text").execute();
  await db.schema.createIndex("device_keys_session_idx").on("device_keys").column("session_id").execute();
  await db.schema.alterTable("sessions").addColumn("idle_ms", "bigint").execute();
  await db.schema
    .createTable("client_device_policies")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("idle_ms", "bigint", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("client_device_policies").execute();
  await db.schema.alterTable("sessions").dropColumn("idle_ms").execute();
  await db.schema.dropIndex("device_keys_session_idx").execute();
  await db.schema.alterTable("device_keys").dropColumn("session_id").execute();
}
