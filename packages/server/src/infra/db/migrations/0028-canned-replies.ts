// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Canned replies (Textbausteine) of a team (issue #16, CRYPTO.md §7f). The
 * browser seals each snippet under a content key and wraps that key to a
 * team key generation; the server keeps ciphertext, wrap and generation
 * only — no title, no text, nothing searchable. Author ids carry no foreign
 * key, like the audit trail: a snippet stays the team's after its author's
 * account is gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("canned_replies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("team_id", "text", (c) => c.notNull().references("teams.id"))
    .addColumn("generation", "integer", (c) => c.notNull())
    // base64url: the content key wrapped to the team key generation, and the sealed snippet.
    .addColumn("wrap", "text", (c) => c.notNull())
    .addColumn("ciphertext", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("canned_replies_team_idx").on("canned_replies").columns(["team_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("canned_replies").execute();
}
