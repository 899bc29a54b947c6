// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Selectable, Transaction } from "kysely";
import type { ConsentRecordsTable, Database, ForwardingDecisionsTable } from "../../infra/db/schema";

/**
 * The consent log (append-only: grants and withdrawals) and the forwarding
 * decisions. No authorisation here — consents.ts and forwarding.ts decide
 * first, then call these.
 */
type Db = Kysely<Database> | Transaction<Database>;
export type ConsentRow = Selectable<ConsentRecordsTable>;

export async function insertConsentRecord(db: Db, row: ConsentRow): Promise<void> {
  await db.insertInto("consent_records").values(row).execute();
}

/** A grant (not a withdrawal) by id. */
export function findGrant(db: Db, consentId: string): Promise<ConsentRow | undefined> {
  return db
    .selectFrom("consent_records")
    .selectAll()
    .where("id", "=", consentId)
    .where("kind", "=", "grant")
    .executeTakeFirst();
}

/** Whether the grant has been withdrawn already. */
export async function hasWithdrawal(db: Db, grantId: string): Promise<boolean> {
  const existing = await db
    .selectFrom("consent_records")
    .select("id")
    .where("withdraws_id", "=", grantId)
    .executeTakeFirst();
  return existing !== undefined;
}

/**
 * Grant and withdrawal rows of a client in an organisation, oldest first;
 * with `caseId`, only those about that case or about the client as a whole.
 * Withdrawal rows carry their grant's subject, so one filter finds both.
 */
export function listSubjectConsentRecords(
  db: Db,
  subject: { organisationId: string; clientId: string; caseId?: string },
): Promise<ConsentRow[]> {
  let q = db
    .selectFrom("consent_records")
    .selectAll()
    .where("organisation_id", "=", subject.organisationId)
    .where("client_id", "=", subject.clientId);
  const caseId = subject.caseId;
  if (caseId !== undefined)
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("subject_type", "=", "case"), eb("subject_id", "=", caseId)]),
        eb("subject_type", "=", "client"),
      ]),
    );
  return q.orderBy("given_at").orderBy("id").execute();
}

/** Every consent row about a client (in one organisation, when given), oldest first. */
export function listClientConsentRecords(
  db: Db,
  clientId: string,
  organisationId: string | undefined,
): Promise<ConsentRow[]> {
  let q = db.selectFrom("consent_records").selectAll().where("client_id", "=", clientId);
  if (organisationId !== undefined) q = q.where("organisation_id", "=", organisationId);
  return q.orderBy("given_at").orderBy("id").execute();
}

export async function insertForwardingDecision(db: Db, row: ForwardingDecisionsTable): Promise<void> {
  await db.insertInto("forwarding_decisions").values(row).execute();
}
