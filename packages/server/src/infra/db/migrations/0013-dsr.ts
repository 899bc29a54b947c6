// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Data-subject rights (issue 7, item 5): requests received outside Obhut
 * with their legal deadline, and restrictions of processing (Art. 18).
 * Subject ids (client account, case) are plain text without foreign keys:
 * the request is the organisation's record that it answered, and it has to
 * outlive an erased account. Dates are calendar days (YYYY-MM-DD).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("dsr_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    // A client or case id, or a free reference without personal data (e.g. the letter's file number).
    .addColumn("subject_ref", "text", (c) => c.notNull())
    .addColumn("received_on", "text", (c) => c.notNull())
    .addColumn("original_due_on", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("extension_months", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("extension_reason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("closed_reason", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("closed_by", "text")
    .addColumn("closed_at", "bigint")
    // Reminders recorded by the daily job for the current due date (reset by an extension).
    .addColumn("reminded_due_soon_at", "bigint")
    .addColumn("reminded_overdue_at", "bigint")
    .execute();
  await db.schema
    .createIndex("dsr_requests_org_status_idx")
    .on("dsr_requests")
    .columns(["organisation_id", "status", "due_on"])
    .execute();

  await db.schema
    .createTable("dsr_restrictions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("request_id", "text")
    .addColumn("set_by", "text", (c) => c.notNull())
    .addColumn("set_at", "bigint", (c) => c.notNull())
    .addColumn("lifted_by", "text")
    .addColumn("lifted_at", "bigint")
    .execute();
  await db.schema
    .createIndex("dsr_restrictions_subject_idx")
    .on("dsr_restrictions")
    .columns(["subject_id", "lifted_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("dsr_restrictions").execute();
  await db.schema.dropTable("dsr_requests").execute();
}
