// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Key directory: the organisation log (append-only, one row per entry),
 * wrapped keys, recovery challenges and admin reset tokens. Everything here
 * is public keys, signatures or ciphertext; the server holds no key that
 * opens any of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("org_log_entries")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("seq", "bigint", (c) => c.notNull())
    /** SHA-256 of the entry, base64url: what the next entry's prevHash must be. */
    .addColumn("hash", "text", (c) => c.notNull())
    /** The signed entry in its wire encoding, base64url. */
    .addColumn("entry", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    // The primary key is what makes concurrent appends safe: two entries for the same seq, one wins.
    .addPrimaryKeyConstraint("org_log_entries_pk", ["organisation_id", "seq"])
    .execute();

  await db.schema
    .createTable("key_wraps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("recipient_account_id", "text", (c) => c.references("accounts.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("ref_id", "text", (c) => c.notNull())
    .addColumn("generation", "integer", (c) => c.notNull())
    .addColumn("blob", "text", (c) => c.notNull())
    /**
     * kind|ref|generation|recipient ("*" for team-previous). Unique: a key is
     * wrapped once per recipient, so nobody can pile a second, different wrap
     * next to a member's real one.
     */
    .addColumn("slot", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("key_wraps_recipient_idx")
    .on("key_wraps")
    .columns(["recipient_account_id", "kind"])
    .execute();
  await db.schema
    .createIndex("key_wraps_ref_idx")
    .on("key_wraps")
    .columns(["organisation_id", "kind", "ref_id"])
    .execute();

  await db.schema
    .createTable("recovery_states")
    .addColumn("id", "text", (c) => c.primaryKey())
    /** null for unknown names: the flow runs the same way and fails at the end. */
    .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("cascade"))
    .addColumn("username_key", "text", (c) => c.notNull())
    .addColumn("challenge", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("account_resets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    /** SHA-256 of the token; the token itself is only ever shown to the admin once. */
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .execute();
  await db.schema.createIndex("account_resets_account_idx").on("account_resets").column("account_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["account_resets", "recovery_states", "key_wraps", "org_log_entries"])
    await db.schema.dropTable(t).execute();
}
