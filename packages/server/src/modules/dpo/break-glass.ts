// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { BREAK_GLASS_MINUTES, type BreakGlassEventView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { authorize, authorizeCase } from "../../policies";
import { newId } from "../../core/ids";

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
    await trx
      .insertInto("break_glass_grants")
      .values({
        id: newId(),
        organisation_id: c.organisation_id,
        case_id: c.id,
        team_id: c.team_id,
        account_id: actor.accountId,
        reason,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    await recordAudit(trx, now, {
      organisationId: c.organisation_id,
      actorId: actor.accountId,
      action: "case.break_glass",
      target: { type: "case", id: c.id },
      data: { teamId: c.team_id, assigneeId: c.assignee_id, reasonSha256: reasonHash(reason), expiresAt },
    });
  });
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
  const db = ctx.db.db;
  let query = db
    .selectFrom("break_glass_grants as g")
    .leftJoin("teams as t", "t.id", "g.team_id")
    .leftJoin("accounts as a", "a.id", "g.account_id")
    .select([
      "g.id",
      "g.case_id",
      "g.team_id",
      "t.name as team_name",
      "g.account_id",
      "a.username",
      "g.reason",
      "g.created_at",
      "g.expires_at",
    ])
    .where("g.organisation_id", "=", orgId)
    .where("g.created_at", ">=", ctx.clock.now() - LIST_DAYS * 86_400_000);
  if (actor.role !== "dpo" && actor.role !== "org_admin") {
    const led = db
      .selectFrom("team_members")
      .select("team_id")
      .where("account_id", "=", actor.accountId)
      .where("role", "=", "lead");
    query = query.where("g.team_id", "in", led);
  }
  const rows = await query.orderBy("g.created_at", "desc").orderBy("g.id").limit(200).execute();
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
