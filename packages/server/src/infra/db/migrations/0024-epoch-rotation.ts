// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * Epoch rotation (issue #14, item 2; ADR 0029). On `conversations`:
 * - `current_epoch`, `epoch_started_seq`, `epoch_started_at`: the newest epoch, the seq of its first message and
 *   when it was published — the send path refuses envelopes sealed under another epoch and counts the messages
 *   and days of the current one without a query of its own (it reads the conversation row anyway);
 * - `rotation_owed_since` (null: nothing owed) and `rotation_owed_reason`: someone who could read the
 *   conversation left it, so no message goes in until a new epoch is published;
 * - `rotation_team_generation`, `rotation_archive_generation`: the team and archive key generations that new
 *   epoch must be filed under at least (a generation the person who left never held), null: any.
 * On `messaging_policies`: the organisation's message and age limits of one epoch (defaults 1000 / 30 days).
 * Existing conversations get their newest epoch, its publication time and the first message after it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("conversations")
    .addColumn("current_epoch", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("conversations")
    .addColumn("epoch_started_seq", "bigint", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable("conversations").addColumn("epoch_started_at", "bigint").execute();
  await db.schema.alterTable("conversations").addColumn("rotation_owed_since", "bigint").execute();
  await db.schema.alterTable("conversations").addColumn("rotation_owed_reason", "text").execute();
  await db.schema.alterTable("conversations").addColumn("rotation_team_generation", "integer").execute();
  await db.schema.alterTable("conversations").addColumn("rotation_archive_generation", "integer").execute();
  await db.schema
    .alterTable("messaging_policies")
    .addColumn("epoch_max_messages", "integer", (c) => c.notNull().defaultTo(1000))
    .execute();
  await db.schema
    .alterTable("messaging_policies")
    .addColumn("epoch_max_days", "integer", (c) => c.notNull().defaultTo(30))
    .execute();

  // Portable SQL (correlated subqueries): the same statements on SQLite and PostgreSQL.
  await sql`UPDATE conversations SET
      current_epoch = (SELECT MAX(e.epoch) FROM conversation_epochs e WHERE e.conversation_id = conversations.id),
      epoch_started_at = (SELECT MAX(e.created_at) FROM conversation_epochs e WHERE e.conversation_id = conversations.id)
    WHERE EXISTS (SELECT 1 FROM conversation_epochs e WHERE e.conversation_id = conversations.id)`.execute(db);
  await sql`UPDATE conversations SET epoch_started_seq = COALESCE(
      (SELECT MIN(m.seq) FROM messages m
        WHERE m.conversation_id = conversations.id AND m.created_at >= conversations.epoch_started_at),
      next_seq)
    WHERE current_epoch > 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ["epoch_max_days", "epoch_max_messages"])
    await db.schema.alterTable("messaging_policies").dropColumn(column).execute();
  for (const column of [
    "rotation_archive_generation",
    "rotation_team_generation",
    "rotation_owed_reason",
    "rotation_owed_since",
    "epoch_started_at",
    "epoch_started_seq",
    "current_epoch",
  ])
    await db.schema.alterTable("conversations").dropColumn(column).execute();
}
