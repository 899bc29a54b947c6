// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import { AppError } from "../../core/errors";
import type { Database, DsrRestrictionsTable } from "../../infra/db/schema";
import type { Action } from "../permissions";
/**
 * Restriction of processing (GDPR Art. 18). A restriction names a case, or
 * a client (then every case of that client with the organisation). While it
 * is active:
 * - staff cannot work on the case: accept, assign, hand over, close,
 *   archive, notes, case-file export (`refuseIfRestricted`, called by
 *   policies/gates/case-access.ts) and cannot send in its conversations
 *   (`restrictionSendRefusal`, called by the message commit path);
 * - the forwarding gate refuses anything about it (modules/compliance/forwarding.ts);
 * - the retention job treats it like a legal hold and deletes nothing of it,
 *   and the client's self-service erasure is refused (the DPO decides).
 * Reading stays possible, so staff and the DPO can see why a case stopped;
 * the client keeps writing and reading their own conversation (their data,
 * stored — storage is what a restriction still allows).
 */

type Db = Kysely<Database> | Transaction<Database>;

/** Case actions staff may no longer take on a restricted case. Reading the case and its keys stays possible. */
export const RESTRICTED_CASE_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  "case.accept",
  "case.assign",
  "case.handover",
  "case.close",
  "case.archive",
  "case.notes",
  "case.export",
]);

/** Ids of cases under an active restriction (directly or through their client), as a subquery. */
export function restrictedCaseIds(db: Db) {
  return db
    .selectFrom("cases")
    .select("cases.id as case_id")
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("dsr_restrictions as r")
          .select("r.id")
          .where("r.lifted_at", "is", null)
          .whereRef("r.organisation_id", "=", "cases.organisation_id")
          .where((eb) =>
            eb.or([
              eb.and([eb("r.subject_type", "=", "case"), eb("r.subject_id", "=", eb.ref("cases.id"))]),
              eb.and([eb("r.subject_type", "=", "client"), eb("r.subject_id", "=", eb.ref("cases.client_id"))]),
            ]),
          ),
      ),
    );
}

/** The active restriction covering a case, if any. */
export async function activeRestriction(
  db: Db,
  c: { id: string; organisation_id: string; client_id: string },
): Promise<DsrRestrictionsTable | undefined> {
  return db
    .selectFrom("dsr_restrictions")
    .selectAll()
    .where("lifted_at", "is", null)
    .where("organisation_id", "=", c.organisation_id)
    .where((eb) =>
      eb.or([
        eb.and([eb("subject_type", "=", "case"), eb("subject_id", "=", c.id)]),
        eb.and([eb("subject_type", "=", "client"), eb("subject_id", "=", c.client_id)]),
      ]),
    )
    .orderBy("set_at")
    .executeTakeFirst();
}

function restrictedError(): AppError {
  return new AppError(
    "case_restricted",
    "Processing of this case is restricted (Art. 18 GDPR); it cannot be worked on until the restriction is lifted",
  );
}

/** The check the case operations call: staff may not take a processing step on a restricted case. */
export async function refuseIfRestricted(
  db: Db,
  actor: { kind: "client" | "staff" },
  action: Action,
  c: { id: string; organisation_id: string; client_id: string },
): Promise<void> {
  if (actor.kind !== "staff" || !RESTRICTED_CASE_ACTIONS.has(action)) return;
  if (await activeRestriction(db, c)) throw restrictedError();
}

/** The check of the message commit path: a staff send into a restricted case or its notes is refused. */
export async function restrictionSendRefusal(
  db: Db,
  c: { id: string; organisation_id: string; client_id: string } | undefined,
  senderId: string,
): Promise<AppError | undefined> {
  if (!c || senderId === c.client_id) return undefined;
  return (await activeRestriction(db, c)) ? restrictedError() : undefined;
}

/** Whether a forwarding subject (case or client of the organisation) is restricted. */
export async function subjectRestricted(
  db: Db,
  subject: { organisationId: string; type: "client" | "case"; id: string; clientId: string },
): Promise<boolean> {
  const row = await db
    .selectFrom("dsr_restrictions")
    .select("id")
    .where("lifted_at", "is", null)
    .where("organisation_id", "=", subject.organisationId)
    .where((eb) =>
      eb.or([
        eb.and([eb("subject_type", "=", "client"), eb("subject_id", "=", subject.clientId)]),
        ...(subject.type === "case"
          ? [eb.and([eb("subject_type", "=", "case"), eb("subject_id", "=", subject.id)])]
          : []),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}
