// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { recordRepeatableAudit } from "../../core/audit-aggregate";
import { decide, type PolicyActor } from "../authorize";
import { grantMatters, hasActiveGrant } from "./break-glass-grants";
import { teamRoleOf } from "./case-access";
import type { ConversationAction } from "./conversation-membership";

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
 * through `authorizeConversation` (modules/messaging/conversations.ts).
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
