// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { ARCHIVE_ACCESS_MINUTES, type ArchiveAccessView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { ConflictError, ForbiddenError, NotFoundError } from "../../core/errors";
import { newId } from "../../core/ids";
import { authorize } from "../../policies";
import { presentArchiveAccess } from "./presenter";
import {
  decideRequest,
  findArchiveAccessRequest,
  findCaseIds,
  insertArchiveAccessRequest,
  listArchiveAccessRequests,
} from "./store";

/**
 * Archive access (ADR 0032): the organisation reads a case with its archive
 * key only with four eyes. An admin asks with a reason; a DPO (never the
 * requester) approves or refuses; an approval lets the requester's browser
 * fetch the case conversation's envelopes, epochs and archive wraps for
 * ARCHIVE_ACCESS_MINUTES on the injected clock (the read gate is
 * policies/gates/archive-access.ts). As with break glass, the reason text
 * stays in `archive_access_requests` (deleted with the case) and the audit
 * chain holds its SHA-256; the team lead sees the request in their list.
 */

export const ARCHIVE_ACCESS_MS = ARCHIVE_ACCESS_MINUTES * 60_000;
/** How far back the lists reach. */
const LIST_DAYS = 90;
const DAY = 86_400_000;

export function archiveReasonHash(reason: string): string {
  return crypto.createHash("sha256").update(reason, "utf8").digest("hex");
}

async function viewOf(ctx: AppContext, orgId: string, id: string, viewerId: string): Promise<ArchiveAccessView> {
  const [row] = await listArchiveAccessRequests(ctx.db.db, { orgId, since: 0, id });
  return presentArchiveAccess(row!, viewerId, ctx.clock.now());
}

/** An admin asks to read a case of their organisation with the archive key. */
export async function requestArchiveAccess(
  ctx: AppContext,
  props: { actor: Actor; caseId: string; reason: string },
): Promise<ArchiveAccessView> {
  const { actor, reason } = props;
  const c = await findCaseIds(ctx.db.db, props.caseId);
  if (!c) throw new NotFoundError("No such case");
  // Another organisation's case is "not found"; staff other than admins are refused.
  authorize(actor, "archive_access.request", { type: "organisation", organisationId: c.organisation_id });
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertArchiveAccessRequest(trx, {
      id,
      organisation_id: c.organisation_id,
      case_id: c.id,
      team_id: c.team_id,
      conversation_id: c.conversation_id,
      requested_by: actor.accountId,
      reason,
      requested_at: now,
      decision: null,
      decided_by: null,
      decided_at: null,
      expires_at: null,
    });
    await recordAudit(trx, now, {
      organisationId: c.organisation_id,
      actorId: actor.accountId,
      action: "case.archive_access_requested",
      target: { type: "case", id: c.id },
      data: { requestId: id, teamId: c.team_id, reasonSha256: archiveReasonHash(reason) },
    });
  });
  return viewOf(ctx, c.organisation_id, id, actor.accountId);
}

/** The DPO approves or refuses a pending request; the requester can never decide their own. */
export async function decideArchiveAccess(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; requestId: string; approve: boolean },
): Promise<ArchiveAccessView> {
  const { actor, orgId, approve } = props;
  authorize(actor, "archive_access.decide", { type: "organisation", organisationId: orgId });
  const row = await findArchiveAccessRequest(ctx.db.db, orgId, props.requestId);
  if (!row) throw new NotFoundError("No such request");
  if (row.requested_by === actor.accountId) throw new ForbiddenError("Someone other than the requester must decide");
  const now = ctx.clock.now();
  const expiresAt = approve ? now + ARCHIVE_ACCESS_MS : null;
  await ctx.db.db.transaction().execute(async (trx) => {
    const decided = await decideRequest(trx, {
      id: row.id,
      decision: approve ? "approved" : "refused",
      decidedBy: actor.accountId,
      decidedAt: now,
      expiresAt,
    });
    if (!decided) throw new ConflictError("This request has been decided already");
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: approve ? "case.archive_access_approved" : "case.archive_access_refused",
      target: { type: "case", id: row.case_id },
      data: { requestId: row.id, requestedBy: row.requested_by, ...(expiresAt !== null ? { expiresAt } : {}) },
    });
  });
  return viewOf(ctx, orgId, row.id, actor.accountId);
}

/**
 * Requests of the last LIST_DAYS days: the DPO and admins see the
 * organisation's, a counsellor those to cases of the teams they lead.
 */
export async function listArchiveAccess(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<ArchiveAccessView[]> {
  const { actor, orgId } = props;
  authorize(actor, "archive_access.read", { type: "organisation", organisationId: orgId });
  const now = ctx.clock.now();
  const rows = await listArchiveAccessRequests(ctx.db.db, {
    orgId,
    since: now - LIST_DAYS * DAY,
    ledBy: actor.role !== "dpo" && actor.role !== "org_admin" ? actor.accountId : undefined,
  });
  return rows.map((r) => presentArchiveAccess(r, actor.accountId, now));
}
