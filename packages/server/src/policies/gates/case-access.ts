// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize, decide } from "../authorize";
import type { Action } from "../permissions";
import { recordRepeatableAudit } from "../../core/audit-aggregate";
import { grantMatters, hasActiveGrant } from "./break-glass-grants";
import { refuseIfRestricted } from "./restriction";

type Db = Kysely<Database> | Transaction<Database>;
type CaseRow = Database["cases"];

export interface CaseAccess {
  c: CaseRow;
  teamRole: "lead" | "member" | null;
}

/** The actor's role in a team (null when not a member). */
export async function teamRoleOf(db: Db, teamId: string, accountId: string): Promise<"lead" | "member" | null> {
  const row = await db
    .selectFrom("team_members")
    .select("role")
    .where("team_id", "=", teamId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/**
 * The gate of every case operation: loads the case and the actor's role in
 * its team and asks the one policy layer. A case outside the actor's reach
 * (another client's, another team's, another organisation's, or none) is
 * "not found"; refusals are audited without content.
 */
export async function authorizeCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  action: Action,
): Promise<CaseAccess> {
  // Never inside a transaction: the refusal is audited on its own (on SQLite a nested use would wait forever).
  const db = ctx.db.db;
  const c = await db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirst();
  const teamRole = c && actor.kind === "staff" ? await teamRoleOf(db, c.team_id, actor.accountId) : null;
  const resource = c
    ? {
        type: "case" as const,
        organisationId: c.organisation_id,
        clientId: c.client_id,
        assigneeId: c.assignee_id,
        actorTeamRole: teamRole,
        // Looked up only where the policy could ask for it (a colleague's assigned case).
        breakGlassActive:
          grantMatters(actor, c.assignee_id) && (await hasActiveGrant(db, c.id, actor.accountId, ctx.clock.now())),
      }
    : undefined;
  const decision = resource ? decide(actor, action, resource) : "not_found";
  if (decision !== "allow") {
    // Repeated refusals of one kind fold into one summary row per minute (audit-aggregate.ts).
    await recordRepeatableAudit(ctx, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "case.access_denied",
      target: { type: "case", id: caseId },
      data: decision === "break_glass_required" ? { action, reason: decision } : { action },
    });
    if (decision === "not_found" || !resource) throw new NotFoundError("No such case");
    authorize(actor, action, resource);
  }
  // Art. 18: a restricted case can be read but not worked on by staff (policies/gates/restriction.ts).
  await refuseIfRestricted(db, actor, action, c!);
  return { c: c!, teamRole };
}
