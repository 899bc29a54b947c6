// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Messaging policy per organisation (issue 5, items 2 and 6): for each
 * conversation kind whether read receipts and typing notices are shared,
 * and whether presence (online / away) is shared among staff and between
 * clients and their counsellors. No row means the defaults of
 * modules/messaging/messaging-policy.ts (staff conversations share receipts and
 * typing, client-facing ones do not; staff presence on, client presence off),
 * so existing organisations keep today's behaviour.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Flags are 0/1 integers, as everywhere else: SQLite has no boolean type.
  await db.schema
    .createTable("messaging_policies")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("direct_receipts", "integer", (c) => c.notNull())
    .addColumn("direct_typing", "integer", (c) => c.notNull())
    .addColumn("team_receipts", "integer", (c) => c.notNull())
    .addColumn("team_typing", "integer", (c) => c.notNull())
    .addColumn("case_receipts", "integer", (c) => c.notNull())
    .addColumn("case_typing", "integer", (c) => c.notNull())
    .addColumn("broadcast_receipts", "integer", (c) => c.notNull())
    .addColumn("broadcast_typing", "integer", (c) => c.notNull())
    .addColumn("notes_receipts", "integer", (c) => c.notNull())
    .addColumn("notes_typing", "integer", (c) => c.notNull())
    .addColumn("presence_staff", "integer", (c) => c.notNull())
    .addColumn("presence_clients", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("messaging_policies").execute();
}
