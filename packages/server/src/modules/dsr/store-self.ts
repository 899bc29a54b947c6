// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, SelectQueryBuilder, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * The client's own data for self-service access and erasure (self.ts):
 * account, sessions, counts of what their cases hold, what keeps a case,
 * and the client's own compliance rows. Deleting cases, credentials and blobs
 * is the retention module's; this store only reads and removes the rows
 * that belong to the account itself.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** The restricted-case subquery of the restriction gate (policies' restrictedCaseIds), passed in by the service. */
export type RestrictedCaseIds = SelectQueryBuilder<Database, "cases", { case_id: string }>;

/** Messages per conversation among `conversationIds` (which must not be empty). */
export async function messageCountsOf(db: Db, conversationIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("messages")
    .select(["conversation_id", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("conversation_id", "in", conversationIds)
    .groupBy("conversation_id")
    .execute();
  return new Map(rows.map((r) => [r.conversation_id, Number(r.n)]));
}

/** Attachments in all of `conversationIds` together (which must not be empty). */
export async function attachmentCountOf(db: Db, conversationIds: string[]): Promise<number> {
  const row = await db
    .selectFrom("attachments")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("conversation_id", "in", conversationIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function accountForExport(db: Db, accountId: string) {
  return db
    .selectFrom("accounts")
    .select(["id", "username", "display_name", "created_at", "last_login_at"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
}

export async function accountForErasure(db: Db, accountId: string) {
  return db
    .selectFrom("accounts")
    .select(["id", "username", "kind"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
}

/** Every session of the account, oldest first. */
export async function sessionsOfAccount(db: Db, accountId: string) {
  return db
    .selectFrom("sessions")
    .select(["created_at", "last_seen_at", "expires_at", "revoked_at"])
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .execute();
}

export async function sessionIdsOfAccount(db: Db, accountId: string): Promise<string[]> {
  return (await db.selectFrom("sessions").select("id").where("account_id", "=", accountId).execute()).map((s) => s.id);
}

/** Which of `caseIds` (not empty) are on a legal hold that is not released. */
export async function heldCaseIds(db: Db, caseIds: string[]): Promise<string[]> {
  return (
    await db
      .selectFrom("legal_holds")
      .select("case_id")
      .where("released_at", "is", null)
      .where("case_id", "in", caseIds)
      .execute()
  ).map((h) => h.case_id);
}

/** Ids of the client's cases among the restricted ones. */
export async function restrictedCaseIdsOfClient(restricted: RestrictedCaseIds, clientId: string): Promise<string[]> {
  return (await restricted.where("cases.client_id", "=", clientId).execute()).map((r) => r.case_id);
}

/** The attachments of one conversation, oldest first. */
export async function attachmentsOfConversation(db: Db, conversationId: string) {
  return db
    .selectFrom("attachments")
    .select(["id", "uploader_id", "size", "created_at", "completed_at"])
    .where("conversation_id", "=", conversationId)
    .orderBy("created_at")
    .execute();
}

/** The client's cases under a legal hold that is not released. */
export async function heldCasesOfClient(db: Db, clientId: string): Promise<{ id: string; organisation_id: string }[]> {
  return db
    .selectFrom("legal_holds as h")
    .innerJoin("cases as c", "c.id", "h.case_id")
    .select(["c.id", "c.organisation_id"])
    .where("h.released_at", "is", null)
    .where("c.client_id", "=", clientId)
    .execute();
}

/** The client's cases among the restricted ones. */
export async function restrictedCasesOfClient(
  db: Db,
  restricted: RestrictedCaseIds,
  clientId: string,
): Promise<{ id: string; organisation_id: string }[]> {
  return db
    .selectFrom("cases")
    .select(["cases.id", "cases.organisation_id"])
    .where("cases.client_id", "=", clientId)
    .where("cases.id", "in", restricted)
    .execute();
}

/** The client's own compliance records; the organisations keep their forwarding decisions and requests. */
export async function deleteOwnComplianceRows(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom("consent_records").where("client_id", "=", accountId).execute();
  await db.deleteFrom("document_acceptances").where("account_id", "=", accountId).execute();
  await db.deleteFrom("channel_preferences").where("account_id", "=", accountId).execute();
}

export async function deleteAccountRow(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom("accounts").where("id", "=", accountId).execute();
}
