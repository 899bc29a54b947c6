// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely } from "kysely";

/**
 * Deletion concept (DIN 66398, issue 7): retention periods that differ from
 * the built-in defaults, legal holds on cases, the blob ids whose rows are
 * already gone (so a run interrupted before the blob store caught up is
 * finished by the next one), the point up to which an audit chain was
 * pruned (signed, so pruning cannot be faked to hide a cut), and each
 * account's last login (the start event of "inactive anonymous account").
 * Case ids are plain text without foreign keys: a hold outlives nothing, and
 * the retention job deletes hold rows together with their case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("retention_rules")
    // An organisation id, or "instance" for the classes that belong to no organisation.
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("data_class", "text", (c) => c.notNull())
    .addColumn("period_days", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("retention_rules_pk", ["scope", "data_class"])
    .execute();

  await db.schema
    .createTable("legal_holds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("set_by", "text")
    .addColumn("set_at", "bigint", (c) => c.notNull())
    .addColumn("released_by", "text")
    .addColumn("released_at", "bigint")
    .execute();
  await db.schema.createIndex("legal_holds_case_idx").on("legal_holds").columns(["case_id", "released_at"]).execute();

  await db.schema
    .createTable("pending_blob_deletions")
    .addColumn("blob_id", "text", (c) => c.primaryKey())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_prunes")
    .addColumn("chain", "text", (c) => c.primaryKey())
    // Entries 1..seq are gone; `hash` is the hash of entry seq, which entry seq+1 links to.
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("accounts").addColumn("last_login_at", "bigint").execute();
  // Best knowledge for existing accounts: their newest session, else their creation.
  await sql`update accounts set last_login_at = coalesce((select max(s.created_at) from sessions s where s.account_id = accounts.id), accounts.created_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("accounts").dropColumn("last_login_at").execute();
  for (const t of ["audit_prunes", "pending_blob_deletions", "legal_holds", "retention_rules"])
    await db.schema.dropTable(t).execute();
}
