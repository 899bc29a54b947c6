// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { type Action, type Resource, authorize, decide, grantMatters, hasActiveGrant } from "../../policies";
import {
  findCaseClient,
  findCaseInOrganisation,
  findTeamMembership,
  listClientCasesInOrganisation,
  organisationExists,
  type SubjectCaseRow,
} from "./store-subjects";

/**
 * Whom a consent, a forwarding check or a channel lookup is about: a case,
 * or a client of the organisation (someone with a case there). Staff of the
 * organisation pass the organisation-level permission; counsellors must
 * also be allowed to read one of the cases concerned (need-to-know, the
 * `case.read` rule of the cases policy). Admins and the DPO see the
 * organisational record (consents are metadata, never case content).
 */
export interface Subject {
  organisationId: string;
  type: "client" | "case";
  id: string;
  clientId: string;
}

type Db = Kysely<Database> | Transaction<Database>;

async function caseResource(db: Db, actor: Actor, c: SubjectCaseRow, now: number): Promise<Resource> {
  const membership = await findTeamMembership(db, c.team_id, actor.accountId);
  return {
    type: "case",
    organisationId: c.organisation_id,
    clientId: c.client_id,
    assigneeId: c.assignee_id,
    actorTeamRole: membership?.role ?? null,
    // A colleague with an open break-glass grant may act on the case as for reading it (ADR 0018).
    breakGlassActive: grantMatters(actor, c.assignee_id) && (await hasActiveGrant(db, c.id, actor.accountId, now)),
  };
}

/**
 * Resolves and authorises a subject for a staff action (`consent.manage`,
 * `forwarding.check`, `channels.read`). Other organisations' ids are "not
 * found", and so are cases and clients outside a counsellor's teams (as in
 * the cases policy); a role without the permission is "forbidden".
 */
export async function staffSubject(
  db: Db,
  actor: Actor,
  action: Action,
  orgId: string,
  ref: { caseId: string } | { clientId: string },
  now: number,
): Promise<Subject> {
  authorize(actor, action, { type: "organisation", organisationId: orgId });
  const needToKnow = actor.role === "counsellor";
  if ("caseId" in ref) {
    const c = await findCaseInOrganisation(db, ref.caseId, orgId);
    if (!c) throw new NotFoundError("No such case");
    if (needToKnow) authorize(actor, "case.read", await caseResource(db, actor, c, now));
    return { organisationId: orgId, type: "case", id: c.id, clientId: c.client_id };
  }
  const cases = await listClientCasesInOrganisation(db, ref.clientId, orgId);
  if (cases.length === 0) throw new NotFoundError("No such client");
  if (needToKnow) {
    let allowed = false;
    for (const c of cases)
      if (decide(actor, "case.read", await caseResource(db, actor, c, now)) === "allow") allowed = true;
    // As for cases themselves: outside the counsellor's teams the client does not exist for them.
    if (!allowed) throw new NotFoundError("No such client");
  }
  return { organisationId: orgId, type: "client", id: ref.clientId, clientId: ref.clientId };
}

/** A client's own subject: themselves, or one of their own cases (`consent.own`). */
export async function ownSubject(db: Db, actor: Actor, orgId: string, caseId?: string): Promise<Subject> {
  if (caseId === undefined) {
    authorize(actor, "consent.own", { type: "own", ownerId: actor.accountId });
    if (!(await organisationExists(db, orgId))) throw new NotFoundError("No such organisation");
    return { organisationId: orgId, type: "client", id: actor.accountId, clientId: actor.accountId };
  }
  const c = await findCaseClient(db, caseId, orgId);
  authorize(actor, "consent.own", { type: "own", ownerId: c?.client_id ?? "(none)" });
  return { organisationId: orgId, type: "case", id: c!.id, clientId: c!.client_id };
}
