// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MyRestrictionView, RestrictionSubject, RestrictionView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database, DsrRestrictionsTable } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize, type Action } from "../../policies";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";

/**
 * Restriction of processing (GDPR Art. 18). A restriction names a case, or
 * a client (then every case of that client with the organisation). While it
 * is active:
 * - staff cannot work on the case: accept, assign, hand over, close,
 *   archive, notes, case-file export (`refuseIfRestricted`, called by
 *   services/cases-access.ts) and cannot send in its conversations
 *   (`restrictionSendRefusal`, called by the message commit path);
 * - the forwarding gate refuses anything about it (services/forwarding.ts);
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

export function presentRestriction(r: DsrRestrictionsTable): RestrictionView {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    subject:
      r.subject_type === "case" ? { type: "case", caseId: r.subject_id } : { type: "client", clientId: r.subject_id },
    reason: r.reason,
    requestId: r.request_id,
    setBy: r.set_by,
    setAt: Number(r.set_at),
  };
}

/**
 * A case or client of this organisation: the case must belong to it; a
 * client exists for the organisation only if they have a case there (as for
 * consents). Anything else is "not found" (tenant isolation).
 */
export async function resolveOrgSubject(
  db: Db,
  orgId: string,
  subject: RestrictionSubject,
): Promise<{ type: "client" | "case"; id: string }> {
  if (subject.type === "case") {
    const c = await db
      .selectFrom("cases")
      .select("id")
      .where("id", "=", subject.caseId)
      .where("organisation_id", "=", orgId)
      .executeTakeFirst();
    if (!c) throw new NotFoundError("No such case");
    return { type: "case", id: c.id };
  }
  const c = await db
    .selectFrom("cases")
    .select("id")
    .where("client_id", "=", subject.clientId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  if (!c) throw new NotFoundError("No such client");
  return { type: "client", id: subject.clientId };
}

function authorizeOrg(actor: Actor, orgId: string): void {
  authorize(actor, "restriction.manage", { type: "organisation", organisationId: orgId });
}

export async function listRestrictions(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<RestrictionView[]> {
  authorizeOrg(props.actor, props.orgId);
  const rows = await ctx.db.db
    .selectFrom("dsr_restrictions")
    .selectAll()
    .where("organisation_id", "=", props.orgId)
    .where("lifted_at", "is", null)
    .orderBy("set_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(presentRestriction);
}

export async function setRestriction(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; subject: RestrictionSubject; reason: string; requestId?: string | undefined },
): Promise<RestrictionView> {
  authorizeOrg(props.actor, props.orgId);
  const db = ctx.db.db;
  const subject = await resolveOrgSubject(db, props.orgId, props.subject);
  if (props.requestId !== undefined) {
    const request = await db
      .selectFrom("dsr_requests")
      .select("id")
      .where("id", "=", props.requestId)
      .where("organisation_id", "=", props.orgId)
      .executeTakeFirst();
    if (!request) throw new NotFoundError("No such request");
  }
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("dsr_restrictions")
      .select("id")
      .where("organisation_id", "=", props.orgId)
      .where("subject_type", "=", subject.type)
      .where("subject_id", "=", subject.id)
      .where("lifted_at", "is", null)
      .executeTakeFirst();
    if (existing) throw new AppError("conflict", "This is already restricted; lift the restriction first to change it");
    const row: DsrRestrictionsTable = {
      id: newId(),
      organisation_id: props.orgId,
      subject_type: subject.type,
      subject_id: subject.id,
      reason: props.reason,
      request_id: props.requestId ?? null,
      set_by: props.actor.accountId,
      set_at: now,
      lifted_by: null,
      lifted_at: null,
    };
    await trx.insertInto("dsr_restrictions").values(row).execute();
    // The reason stays in the restriction row (for the DPO); the chain records the fact.
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "dsr.restriction_set",
      target: { type: subject.type, id: subject.id },
      data: { restrictionId: row.id, requestId: row.request_id },
    });
    return presentRestriction(row);
  });
}

export async function liftRestriction(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; restrictionId: string },
): Promise<void> {
  authorizeOrg(props.actor, props.orgId);
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("dsr_restrictions")
      .selectAll()
      .where("id", "=", props.restrictionId)
      .where("organisation_id", "=", props.orgId)
      .where("lifted_at", "is", null)
      .executeTakeFirst();
    if (!row) throw new NotFoundError("No such active restriction");
    await trx
      .updateTable("dsr_restrictions")
      .set({ lifted_at: now, lifted_by: props.actor.accountId })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "dsr.restriction_lifted",
      target: { type: row.subject_type, id: row.subject_id },
      data: { restrictionId: row.id },
    });
  });
}

/** The client's view: which of their cases are restricted (never the organisation's reason). */
export async function myRestrictions(db: Db, clientId: string): Promise<MyRestrictionView[]> {
  const cases = await db
    .selectFrom("cases")
    .select(["id", "organisation_id"])
    .where("client_id", "=", clientId)
    .execute();
  const rows = await db
    .selectFrom("dsr_restrictions")
    .select(["organisation_id", "subject_type", "subject_id", "set_at"])
    .where("lifted_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("subject_type", "=", "client"), eb("subject_id", "=", clientId)]),
        ...(cases.length
          ? [
              eb.and([
                eb("subject_type", "=", "case"),
                eb(
                  "subject_id",
                  "in",
                  cases.map((c) => c.id),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy("set_at")
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    caseId: r.subject_type === "case" ? r.subject_id : null,
    since: Number(r.set_at),
  }));
}

export async function listMyRestrictions(ctx: AppContext, actor: Actor): Promise<MyRestrictionView[]> {
  authorize(actor, "dsr.own", { type: "own", ownerId: actor.accountId });
  return myRestrictions(ctx.db.db, actor.accountId);
}
