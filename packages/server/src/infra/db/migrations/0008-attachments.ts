// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Encrypted attachments: one row per upload (the ciphertext itself lives in
 * the blob store), and one row per received chunk while the upload is in
 * progress. Only sizes and ids are stored: names, types, keys and hashes
 * travel inside the end-to-end encrypted message envelope.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("conversation_id", "text", (c) => c.notNull().references("conversations.id"))
    .addColumn("uploader_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("chunk_size", "integer", (c) => c.notNull())
    .addColumn("chunk_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("completed_at", "bigint")
    .execute();
  // Quota sums per uploader; the orphan sweep scans pending uploads by age.
  await db.schema.createIndex("attachments_uploader_idx").on("attachments").columns(["uploader_id"]).execute();
  await db.schema
    .createIndex("attachments_pending_idx")
    .on("attachments")
    .columns(["completed_at", "created_at"])
    .execute();

  await db.schema
    .createTable("attachment_chunks")
    .addColumn("attachment_id", "text", (c) => c.notNull().references("attachments.id").onDelete("cascade"))
    .addColumn("idx", "integer", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("attachment_chunks_pk", ["attachment_id", "idx"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("attachment_chunks").execute();
  await db.schema.dropTable("attachments").execute();
}
