// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { BREAK_GLASS_MINUTES, type BreakGlassEventView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { authorize, authorizeCase } from "../../policies";
import { newId } from "../../core/ids";
import { noticeStaffEvent, teamRecipients } from "../notifications";
import { insertBreakGlassGrant, listBreakGlassGrants } from "./store";

/**
 * Break glass (ADR 0018): a counsellor who is not the assignee of an
 * assigned case opens it only after stating a reason. The reason text stays
 * in `break_glass_grants` (deleted with the case); the audit chain records
 * `case.break_glass` with the reason's SHA-256, so the text can be shown to
 * the team lead and still be proven unchanged, while the long-lived chain
 * holds no free text. A grant lasts BREAK_GLASS_MINUTES on the injected clock.
 */

export const BREAK_GLASS_MS = BREAK_GLASS_MINUTES * 60_000;
/** How far back the team lead's list reaches. */
const LIST_DAYS = 90;

export function reasonHash(reason: string): string {
  return crypto.createHash("sha256").update(reason, "utf8").digest("hex");
}

/** Records a reason and opens the case to the actor for BREAK_GLASS_MINUTES. */
export async function requestBreakGlass(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  reason: string,
): Promise<{ caseId: string; createdAt: number; expiresAt: number }> {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.break_glass");
  const now = ctx.clock.now();
  const expiresAt = now + BREAK_GLASS_MS;
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertBreakGlassGrant(trx, {
      id: newId(),
      organisation_id: c.organisation_id,
      case_id: c.id,
      team_id: c.team_id,
      account_id: actor.accountId,
      reason,
      created_at: now,
      expires_at: expiresAt,
    });
    await recordAudit(trx, now, {
      organisationId: c.organisation_id,
      actorId: actor.accountId,
      action: "case.break_glass",
      target: { type: "case", id: c.id },
      data: { teamId: c.team_id, assigneeId: c.assignee_id, reasonSha256: reasonHash(reason), expiresAt },
    });
    // The team's leads learn of it in their bell (and by push): a kind and the case, never the reason.
    await noticeStaffEvent(trx, now, {
      eventId: `break_glass:${crypto.randomUUID()}`,
      kind: "break_glass",
      organisationId: c.organisation_id,
      caseId: c.id,
      recipients: await teamRecipients(trx, c.team_id, { leads: true, except: actor.accountId }),
    });
  });
  ctx.jobs.wake();
  return { caseId: c.id, createdAt: now, expiresAt };
}

/**
 * Break-glass accesses of the last LIST_DAYS days: the DPO and admins see the
 * organisation's, a counsellor those to cases of the teams they lead (none
 * when they lead no team).
 */
export async function listBreakGlass(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<BreakGlassEventView[]> {
  const { actor, orgId } = props;
  authorize(actor, "break_glass.read", { type: "organisation", organisationId: orgId });
  const rows = await listBreakGlassGrants(ctx.db.db, {
    orgId,
    since: ctx.clock.now() - LIST_DAYS * 86_400_000,
    ledBy: actor.role !== "dpo" && actor.role !== "org_admin" ? actor.accountId : undefined,
  });
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    teamId: r.team_id,
    teamName: r.team_name,
    accountId: r.account_id,
    username: r.username,
    reason: r.reason,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
  }));
}
