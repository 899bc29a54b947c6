// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, DocumentAcceptancesTable, OrgDocumentsTable } from "../../infra/db/schema";

/**
 * Organisation documents and their acceptances. No authorisation and no
 * state rules here — documents.ts decides first; the conditional updates
 * report how many rows changed so it can tell a lost race.
 */
type Db = Kysely<Database> | Transaction<Database>;
export type DocumentRow = Selectable<OrgDocumentsTable>;
type Kind = OrgDocumentsTable["kind"];
type Language = OrgDocumentsTable["language"];

/** A document by id; of this organisation only when `orgId` is given. */
export function findDocument(db: Db, documentId: string, orgId: string | undefined): Promise<DocumentRow | undefined> {
  let q = db.selectFrom("org_documents").selectAll().where("id", "=", documentId);
  if (orgId !== undefined) q = q.where("organisation_id", "=", orgId);
  return q.executeTakeFirst();
}

/** Every document of the organisation, by kind and language, newest first within them. */
export function listOrgDocuments(db: Db, orgId: string): Promise<DocumentRow[]> {
  return db
    .selectFrom("org_documents")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .orderBy("kind")
    .orderBy("language")
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

/** The currently published documents of the organisation (of one kind, when given), by kind and language. */
export function listPublishedDocuments(db: Db, orgId: string, kind?: Kind): Promise<DocumentRow[]> {
  let q = db
    .selectFrom("org_documents")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .where("state", "=", "published");
  if (kind) q = q.where("kind", "=", kind);
  return q.orderBy("kind").orderBy("language").execute();
}

export async function insertDocument(db: Db, row: DocumentRow): Promise<void> {
  await db.insertInto("org_documents").values(row).execute();
}

/** Replaces the text of a document that is still a draft; returns the number of rows changed. */
export async function changeDraftText(db: Db, id: string, text: string, sha256: string): Promise<number> {
  const updated = await db
    .updateTable("org_documents")
    .set({ text, sha256 })
    .where("id", "=", id)
    .where("state", "=", "draft")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** Approves a draft whose text still has this hash; returns the number of rows changed. */
export async function markDraftApproved(
  db: Db,
  id: string,
  sha256: string,
  approval: { approved_by: string; approved_at: number },
): Promise<number> {
  const updated = await db
    .updateTable("org_documents")
    .set({ state: "approved", ...approval })
    .where("id", "=", id)
    .where("state", "=", "draft")
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** The highest version published so far of this kind and language, 0 when none. */
export async function lastVersion(db: Db, orgId: string, kind: Kind, language: Language): Promise<number> {
  const last = await db
    .selectFrom("org_documents")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("organisation_id", "=", orgId)
    .where("kind", "=", kind)
    .where("language", "=", language)
    .executeTakeFirst();
  return Number(last?.version ?? 0);
}

/** Marks the published version of this kind and language superseded. */
export async function supersedePublished(
  db: Db,
  orgId: string,
  kind: Kind,
  language: Language,
  now: number,
): Promise<void> {
  await db
    .updateTable("org_documents")
    .set({ state: "superseded", superseded_at: now })
    .where("organisation_id", "=", orgId)
    .where("kind", "=", kind)
    .where("language", "=", language)
    .where("state", "=", "published")
    .execute();
}

/** Publishes an approved document as `version`; returns the number of rows changed. */
export async function markPublished(
  db: Db,
  id: string,
  publication: { version: number; published_by: string; published_at: number },
): Promise<number> {
  const updated = await db
    .updateTable("org_documents")
    .set({ state: "published", ...publication })
    .where("id", "=", id)
    .where("state", "=", "approved")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

export async function storeAcceptance(db: Db, row: DocumentAcceptancesTable): Promise<void> {
  await db.insertInto("document_acceptances").values(row).execute();
}

/** Which of these documents the account has accepted. */
export async function listAcceptedDocumentIds(db: Db, accountId: string, documentIds: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom("document_acceptances")
    .select("document_id")
    .where("account_id", "=", accountId)
    .where("document_id", "in", documentIds)
    .execute();
  return rows.map((a) => a.document_id);
}

/** An account's acceptances, newest first. */
export function listAcceptancesOf(db: Db, accountId: string): Promise<Selectable<DocumentAcceptancesTable>[]> {
  return db
    .selectFrom("document_acceptances")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("accepted_at", "desc")
    .orderBy("id")
    .execute();
}

/** Guideline confirmations (any version) of these accounts in the organisation. */
export function listGuidelineConfirmations(db: Db, orgId: string, accountIds: string[]) {
  return db
    .selectFrom("document_acceptances")
    .select(["account_id", "document_id", "version"])
    .where("organisation_id", "=", orgId)
    .where("kind", "=", "communication_guideline")
    .where("account_id", "in", accountIds)
    .execute();
}
