// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
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
  const c = await ctx.db.db
    .selectFrom("cases")
    .select(["id", "organisation_id", "client_id", "assignee_id", "team_id"])
    .where(kind === "case" ? "conversation_id" : "notes_conversation_id", "=", conversationId)
    .executeTakeFirst();
  if (!c) return;
  const facts = await caseConversationFacts(ctx.db.db, ctx.clock.now(), actor, c, kind);
  if (!facts) return;
  const { permission, resource } = facts;
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
  throw breakGlassRequired();
}

export interface CaseConversationCase {
  id: string;
  organisation_id: string;
  client_id: string;
  assignee_id: string | null;
  team_id: string;
}

/**
 * The facts `decide` needs about a staff member in a case's (or its notes')
 * conversation; undefined when break glass does not matter here (own case,
 * unassigned, a lead of the team, not staff).
 */
export async function caseConversationFacts(
  db: Kysely<Database>,
  now: number,
  actor: PolicyActor,
  c: CaseConversationCase,
  kind: "case" | "notes",
) {
  if (!grantMatters(actor, c.assignee_id)) return undefined;
  const permission = kind === "case" ? ("case.read" as const) : ("case.notes" as const);
  const resource = {
    type: "case" as const,
    organisationId: c.organisation_id,
    clientId: c.client_id,
    assigneeId: c.assignee_id,
    actorTeamRole: await teamRoleOf(db, c.team_id, actor.accountId),
    breakGlassActive: await hasActiveGrant(db, c.id, actor.accountId, now),
  };
  return { permission, resource };
}

export function breakGlassRequired(): AppError {
  return new AppError("break_glass_required", "This case is assigned to a colleague; state a reason to open it");
}
