// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MyRestrictionView, RestrictionSubject, RestrictionView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database, DsrRestrictionsTable } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";
import {
  activeRestrictionOfOrganisation,
  activeRestrictionOfSubject,
  activeRestrictionsCoveringClient,
  activeRestrictionsOfOrganisation,
  caseOfOrganisation,
  casesOfClient,
  dsrRequestOfOrganisation,
  insertRestriction,
  markRestrictionLifted,
  someCaseOfClientAt,
} from "./store";

type Db = Kysely<Database> | Transaction<Database>;

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
    const c = await caseOfOrganisation(db, orgId, subject.caseId);
    if (!c) throw new NotFoundError("No such case");
    return { type: "case", id: c.id };
  }
  const c = await someCaseOfClientAt(db, orgId, subject.clientId);
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
  const rows = await activeRestrictionsOfOrganisation(ctx.db.db, props.orgId);
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
    const request = await dsrRequestOfOrganisation(db, props.orgId, props.requestId);
    if (!request) throw new NotFoundError("No such request");
  }
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await activeRestrictionOfSubject(trx, props.orgId, subject);
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
    await insertRestriction(trx, row);
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
    const row = await activeRestrictionOfOrganisation(trx, props.orgId, props.restrictionId);
    if (!row) throw new NotFoundError("No such active restriction");
    await markRestrictionLifted(trx, row.id, { at: now, by: props.actor.accountId });
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
  const cases = await casesOfClient(db, clientId);
  const rows = await activeRestrictionsCoveringClient(
    db,
    clientId,
    cases.map((c) => c.id),
  );
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
