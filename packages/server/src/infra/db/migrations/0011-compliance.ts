// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Data protection in daily work (issue 7, items 1–2): versioned
 * organisation documents with who accepted which version, the append-only
 * consent log, per-account channel preferences and the decisions of the
 * forwarding gate. Case ids are stored without a foreign key: consents and
 * decisions are evidence and must outlive the case row until their own
 * retention period ends (the deletion concept deletes them explicitly).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("org_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    // NULL while a draft; several drafts may exist, each published number once.
    .addColumn("version", "integer")
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("approved_by", "text")
    .addColumn("approved_at", "bigint")
    .addColumn("published_by", "text")
    .addColumn("published_at", "bigint")
    .addColumn("superseded_at", "bigint")
    .addUniqueConstraint("org_documents_version_uq", ["organisation_id", "kind", "language", "version"])
    .execute();
  await db.schema
    .createIndex("org_documents_org_state_idx")
    .on("org_documents")
    .columns(["organisation_id", "state"])
    .execute();

  await db.schema
    .createTable("document_acceptances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.notNull().references("org_documents.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("accepted_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_acceptances_account_idx")
    .on("document_acceptances")
    .columns(["account_id", "document_id"])
    .execute();
  await db.schema
    .createIndex("document_acceptances_document_idx")
    .on("document_acceptances")
    .column("document_id")
    .execute();

  // Append-only: a grant is never updated; its withdrawal is a second row pointing at it.
  await db.schema
    .createTable("consent_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("withdraws_id", "text", (c) => c.unique().references("consent_records.id"))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("given_by", "text")
    .addColumn("capacity", "text")
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("recipients", "text")
    .addColumn("channels", "text")
    .addColumn("text_sha256", "text")
    .addColumn("language", "text")
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("staff_present_id", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    // For a withdrawal: when it was withdrawn.
    .addColumn("given_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint")
    .addColumn("recorded_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consent_records_client_idx")
    .on("consent_records")
    .columns(["organisation_id", "client_id"])
    .execute();

  await db.schema
    .createTable("channel_preferences")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("in_app", "integer", (c) => c.notNull())
    .addColumn("email_notice", "integer", (c) => c.notNull())
    .addColumn("push", "integer", (c) => c.notNull())
    .addColumn("phone", "integer", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("forwarding_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("consent_id", "text")
    .addColumn("legal_basis", "text")
    .addColumn("reason", "text")
    .addColumn("decided_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("forwarding_decisions_subject_idx")
    .on("forwarding_decisions")
    .columns(["organisation_id", "subject_type", "subject_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "forwarding_decisions",
    "channel_preferences",
    "consent_records",
    "document_acceptances",
    "org_documents",
  ])
    await db.schema.dropTable(t).execute();
}
