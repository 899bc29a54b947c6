// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DsrStatus } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { Database, DsrRequestsTable, DsrRestrictionsTable } from "../../infra/db/schema";

/**
 * The organisation's side of data-subject rights: registered requests
 * (dsr_requests) and Art. 18 restrictions (dsr_restrictions), and the case
 * lookups that tie a subject to the organisation. No authorisation and no
 * deadlines here: requests.ts and restrictions.ts decide, then call these.
 */
type Db = Kysely<Database> | Transaction<Database>;

// --- requests

/** The organisation's requests, newest receipt first (at most 1000), optionally only or except some statuses. */
export async function listDsrRequestRows(
  db: Db,
  props: { orgId: string; onlyStatuses?: DsrStatus[]; exceptStatuses?: DsrStatus[] },
): Promise<DsrRequestsTable[]> {
  let q = db.selectFrom("dsr_requests").selectAll().where("organisation_id", "=", props.orgId);
  if (props.onlyStatuses) q = q.where("status", "in", props.onlyStatuses);
  if (props.exceptStatuses) q = q.where("status", "not in", props.exceptStatuses);
  return q.orderBy("received_on", "desc").orderBy("created_at", "desc").orderBy("id").limit(1000).execute();
}

export async function insertDsrRequest(db: Db, row: DsrRequestsTable): Promise<void> {
  await db.insertInto("dsr_requests").values(row).execute();
}

/** A request of this organisation (another organisation's answers alike: undefined). */
export async function dsrRequestOfOrganisation(
  db: Db,
  orgId: string,
  requestId: string,
): Promise<DsrRequestsTable | undefined> {
  return db
    .selectFrom("dsr_requests")
    .selectAll()
    .where("id", "=", requestId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

/** Changes a request; with `whileStatusIn`, only while its status is still one of those. */
export async function updateDsrRequest(
  db: Db,
  requestId: string,
  changed: Partial<DsrRequestsTable>,
  whileStatusIn?: DsrStatus[],
): Promise<void> {
  let q = db.updateTable("dsr_requests").set(changed).where("id", "=", requestId);
  if (whileStatusIn) q = q.where("status", "in", whileStatusIn);
  await q.execute();
}

/** What the report counts, for every request of the organisation. */
export async function dsrRequestFigures(
  db: Db,
  orgId: string,
): Promise<Pick<DsrRequestsTable, "type" | "status" | "due_on" | "closed_at">[]> {
  return db
    .selectFrom("dsr_requests")
    .select(["type", "status", "due_on", "closed_at"])
    .where("organisation_id", "=", orgId)
    .execute();
}

/** Requests of every organisation in one of `statuses`. */
export async function dsrRequestsWithStatus(db: Db, statuses: DsrStatus[]): Promise<DsrRequestsTable[]> {
  return db.selectFrom("dsr_requests").selectAll().where("status", "in", statuses).execute();
}

/**
 * Sets a reminder column once: only while it is empty, the due date is still `dueOn` and the status one of
 * `statuses` (a conditional update, so a second node running the same slot records nothing twice). True when
 * this call set it.
 */
export async function claimDsrReminder(
  db: Db,
  props: {
    requestId: string;
    column: "reminded_due_soon_at" | "reminded_overdue_at";
    dueOn: string;
    statuses: DsrStatus[];
    now: number;
  },
): Promise<boolean> {
  const done = await db
    .updateTable("dsr_requests")
    .set({ [props.column]: props.now })
    .where("id", "=", props.requestId)
    .where(props.column, "is", null)
    .where("due_on", "=", props.dueOn)
    .where("status", "in", props.statuses)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

// --- subjects

/** The case's id if it belongs to the organisation. */
export async function caseOfOrganisation(db: Db, orgId: string, caseId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("cases")
    .select("id")
    .where("id", "=", caseId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

/** Some case of the client at the organisation (a client exists for an organisation only through a case). */
export async function someCaseOfClientAt(db: Db, orgId: string, clientId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("cases")
    .select("id")
    .where("client_id", "=", clientId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

/** Every case of a client, at any organisation. */
export async function casesOfClient(
  db: Db,
  clientId: string,
): Promise<{ id: string; organisation_id: string; conversation_id: string; notes_conversation_id: string | null }[]> {
  return db
    .selectFrom("cases")
    .select(["id", "organisation_id", "conversation_id", "notes_conversation_id"])
    .where("client_id", "=", clientId)
    .execute();
}

// --- restrictions

/** The organisation's restrictions in force, newest first. */
export async function activeRestrictionsOfOrganisation(db: Db, orgId: string): Promise<DsrRestrictionsTable[]> {
  return db
    .selectFrom("dsr_restrictions")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .where("lifted_at", "is", null)
    .orderBy("set_at", "desc")
    .orderBy("id")
    .execute();
}

/** The restriction in force on exactly this subject at the organisation, if any. */
export async function activeRestrictionOfSubject(
  db: Db,
  orgId: string,
  subject: { type: "client" | "case"; id: string },
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("dsr_restrictions")
    .select("id")
    .where("organisation_id", "=", orgId)
    .where("subject_type", "=", subject.type)
    .where("subject_id", "=", subject.id)
    .where("lifted_at", "is", null)
    .executeTakeFirst();
}

export async function insertRestriction(db: Db, row: DsrRestrictionsTable): Promise<void> {
  await db.insertInto("dsr_restrictions").values(row).execute();
}

/** A restriction of the organisation that is still in force. */
export async function activeRestrictionOfOrganisation(
  db: Db,
  orgId: string,
  restrictionId: string,
): Promise<DsrRestrictionsTable | undefined> {
  return db
    .selectFrom("dsr_restrictions")
    .selectAll()
    .where("id", "=", restrictionId)
    .where("organisation_id", "=", orgId)
    .where("lifted_at", "is", null)
    .executeTakeFirst();
}

export async function markRestrictionLifted(
  db: Db,
  restrictionId: string,
  lifted: { at: number; by: string },
): Promise<void> {
  await db
    .updateTable("dsr_restrictions")
    .set({ lifted_at: lifted.at, lifted_by: lifted.by })
    .where("id", "=", restrictionId)
    .execute();
}

/** Restrictions in force on the client, or on one of `caseIds`, oldest first. */
export async function activeRestrictionsCoveringClient(
  db: Db,
  clientId: string,
  caseIds: string[],
): Promise<Pick<DsrRestrictionsTable, "organisation_id" | "subject_type" | "subject_id" | "set_at">[]> {
  return db
    .selectFrom("dsr_restrictions")
    .select(["organisation_id", "subject_type", "subject_id", "set_at"])
    .where("lifted_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("subject_type", "=", "client"), eb("subject_id", "=", clientId)]),
        ...(caseIds.length ? [eb.and([eb("subject_type", "=", "case"), eb("subject_id", "in", caseIds)])] : []),
      ]),
    )
    .orderBy("set_at")
    .execute();
}
