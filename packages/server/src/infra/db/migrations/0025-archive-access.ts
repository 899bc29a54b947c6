// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Archive access (ADR 0032): an admin asks to read a case's conversation with
 * the organisation's archive key, states a reason, and a DPO approves or
 * refuses. The row is both the request and, once approved, the time-limited
 * grant. Like break-glass grants (migration 0014) the case and account ids
 * carry no foreign key: retention deletes a case's requests with the case,
 * and a request stays evidence after its staff accounts are gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("archive_access_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("case_id", "text", (c) => c.notNull())
    // The case's team when asked: the team lead who sees the access is that team's.
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("conversation_id", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    // Organisational text written by the admin ("Team aufgelöst, Auskunftsersuchen der Klientin"), never content.
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("requested_at", "bigint", (c) => c.notNull())
    // null while pending; then "approved" or "refused", never changed again.
    .addColumn("decision", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "bigint")
    // Set on approval only: until when the requester may read.
    .addColumn("expires_at", "bigint")
    .execute();
  await db.schema
    .createIndex("archive_access_requests_conv_idx")
    .on("archive_access_requests")
    .columns(["conversation_id", "requested_by", "expires_at"])
    .execute();
  await db.schema
    .createIndex("archive_access_requests_org_idx")
    .on("archive_access_requests")
    .columns(["organisation_id", "requested_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("archive_access_requests").execute();
}
