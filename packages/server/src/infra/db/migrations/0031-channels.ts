// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Broadcast channels ("Kanäle", issue #16, ADR 0037): what a `broadcast` conversation has besides its members
 * (owners post, subscribers read), messages and epochs — its organisation, its name and whether it is for staff
 * only or for the organisation's clients too. The name is stored readable: a client sees it before subscribing,
 * when they hold no key of the channel. One row per channel, keyed by its conversation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("broadcast_channels")
    .addColumn("conversation_id", "text", (c) => c.primaryKey().references("conversations.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    // "staff" | "clients"
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("broadcast_channels_org_idx")
    .on("broadcast_channels")
    .columns(["organisation_id", "audience"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("broadcast_channels").execute();
}
