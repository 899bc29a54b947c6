// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { BREAK_GLASS_MINUTES, type BreakGlassEventView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize, decide, type PolicyActor } from "../../policies";
import { recordAudit } from "../../core/audit";
import { recordRepeatableAudit } from "../../core/audit-aggregate";
import { grantMatters, hasActiveGrant } from "../../policies/gates/break-glass-grants";
import { authorizeCase, teamRoleOf } from "../../policies/gates/case-access";
import type { ConversationAction } from "../../policies/gates/conversation-membership";
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

/**
 * The conversation gate's half of need-to-know: a staff member who is in a
 * case's (or its notes') conversation as a team member reads, receives and
 * sends there only as the policy allows for the case — on a colleague's
 * assigned case that needs an active grant. Refusals are audited like any
 * refused case access and answered with `break_glass_required`; a read
 * that only the grant allows is audited as `case.break_glass_read`, so the
 * log shows what was opened under break glass, not just that a grant
 * existed. `what` names the operation in both events ("conversation.read",
 * "attachment.read"). Every read of a case conversation's data reaches this
 * through `authorizeConversation` (services/conversations.ts).
 */
export async function requireCaseConversationAccess(
  ctx: AppContext,
  member: Omit<PolicyActor, "role"> & { role?: string },
  conversationId: string,
  kind: "case" | "notes",
  access: { action: ConversationAction; what: string },
): Promise<void> {
  if (member.kind !== "staff") return;
  // Sessions always carry the role; team members of a case conversation are counsellors otherwise.
  const actor: PolicyActor = { ...member, role: member.role ?? "counsellor" };
  const db = ctx.db.db;
  const c = await db
    .selectFrom("cases")
    .select(["id", "organisation_id", "client_id", "assignee_id", "team_id"])
    .where(kind === "case" ? "conversation_id" : "notes_conversation_id", "=", conversationId)
    .executeTakeFirst();
  if (!c || !grantMatters(actor, c.assignee_id)) return;
  const now = ctx.clock.now();
  const permission = kind === "case" ? "case.read" : "case.notes";
  const resource = {
    type: "case" as const,
    organisationId: c.organisation_id,
    clientId: c.client_id,
    assigneeId: c.assignee_id,
    actorTeamRole: await teamRoleOf(db, c.team_id, actor.accountId),
    breakGlassActive: await hasActiveGrant(db, c.id, actor.accountId, now),
  };
  const decision = decide(actor, permission, resource);
  if (decision === "allow") {
    const byGrant =
      resource.breakGlassActive &&
      decide(actor, permission, { ...resource, breakGlassActive: false }) === "break_glass_required";
    // Repeated reads of one kind fold into one summary row per minute, like refusals (audit-aggregate.ts).
    if (byGrant && access.action === "read")
      await recordRepeatableAudit(ctx, {
        organisationId: actor.organisationId,
        actorId: actor.accountId,
        action: "case.break_glass_read",
        target: { type: "case", id: c.id },
        data: { action: access.what, conversation: kind },
      });
    return;
  }
  if (decision !== "break_glass_required") return; // membership already decided everything else
  // Repeated refusals of one kind fold into one summary row per minute (audit-aggregate.ts).
  await recordRepeatableAudit(ctx, {
    organisationId: actor.organisationId,
    actorId: actor.accountId,
    action: "case.access_denied",
    target: { type: "case", id: c.id },
    data: { action: access.what, reason: "break_glass_required" },
  });
  throw new AppError("break_glass_required", "This case is assigned to a colleague; state a reason to open it");
}

/**
 * The same for sends, which go through the message committer rather than
 * `authorizeConversation`: checked before the send is queued. A grant that
 * expires between this check and the commit lets that one send through.
 */
export async function requireCaseSendAccess(
  ctx: AppContext,
  actor: Omit<PolicyActor, "role"> & { role?: string },
  conversationId: string,
): Promise<void> {
  if (actor.kind !== "staff") return;
  const m = await ctx.db.db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select(["c.kind", "m.role", "m.left_at"])
    .where("m.conversation_id", "=", conversationId)
    .where("m.account_id", "=", actor.accountId)
    .executeTakeFirst();
  if (!m || m.left_at !== null || m.role !== "team" || (m.kind !== "case" && m.kind !== "notes")) return;
  await requireCaseConversationAccess(ctx, actor, conversationId, m.kind, {
    action: "send",
    what: "conversation.send",
  });
}
