// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Per-organisation attachment policy and deleted attachments.
 *
 * `attachment_policies`: one row per organisation that changed the defaults
 * (size cap in ciphertext bytes, allowed media types as a JSON array); no
 * row = the defaults of modules/messaging/attachment-policy.ts.
 *
 * `attachment_deletions`: the id of each deleted attachment, so that a
 * member's download answers "attachment deleted" rather than a bare 404.
 * Nothing about the file is kept; the rows go with their conversation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("attachment_policies")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("max_bytes", "bigint", (c) => c.notNull())
    .addColumn("allowed_types", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("attachment_deletions")
    .addColumn("attachment_id", "text", (c) => c.primaryKey())
    .addColumn("conversation_id", "text", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
    .addColumn("deleted_at", "bigint", (c) => c.notNull())
    .execute();
  // A conversation's deleted ids, newest first (GET /api/conversations/:id/attachment-policy).
  await db.schema
    .createIndex("attachment_deletions_conversation_idx")
    .on("attachment_deletions")
    .columns(["conversation_id", "deleted_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("attachment_deletions").execute();
  await db.schema.dropTable("attachment_policies").execute();
}
