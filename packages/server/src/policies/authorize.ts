// SPDX-License-Identifier: AGPL-3.0-or-later
import { AppError, ForbiddenError, NotFoundError } from "../core/errors";
import { PERMISSIONS, type Action, type Scope } from "./permissions";
import { ROLES, type Role } from "./roles";

/** The part of a session the policy needs (modules/identity/session.ts `Actor` satisfies it). */
export interface PolicyActor {
  accountId: string;
  organisationId: string | null;
  kind: "client" | "staff";
  role: string;
}

/**
 * What an action is aimed at. Services load these facts from the database
 * before calling `authorize`, so the decision itself is pure and testable.
 */
export type Resource =
  | { type: "instance" }
  /** `actorLeadsTeam`: the actor leads some team of it — team_lead counts for organisation actions that list it. */
  | { type: "organisation"; organisationId: string; actorLeadsTeam?: boolean }
  | { type: "account"; organisationId: string | null; accountId: string }
  | { type: "team"; organisationId: string; teamId: string; actorTeamRole: "lead" | "member" | null }
  | { type: "own"; ownerId: string }
  /** An organisation document (privacy notice, guideline) and who wrote its draft. */
  | { type: "document"; organisationId: string; authorId: string }
  | {
      type: "case";
      organisationId: string;
      clientId: string;
      assigneeId: string | null;
      /** The actor's role in the case's team, null when not a member. */
      actorTeamRole: "lead" | "member" | null;
      /** The actor holds an active break-glass grant for this case (modules/dpo/break-glass.ts); absent = no. */
      breakGlassActive?: boolean;
    };

export type Decision = "allow" | "not_found" | "forbidden" | "break_glass_required";

const SCOPE_OF_RESOURCE: Record<Resource["type"], Scope> = {
  instance: "instance",
  organisation: "organisation",
  account: "organisation",
  team: "team",
  own: "own",
  document: "organisation",
  case: "case",
};

/** The roles the actor holds for this resource; team_lead only counts for the team they lead. */
export function rolesFor(actor: PolicyActor, resource: Resource): Role[] {
  if (actor.kind === "client") return ["client"];
  const roles: Role[] =
    (ROLES as readonly string[]).includes(actor.role) && actor.role !== "client" && actor.role !== "team_lead"
      ? [actor.role as Role]
      : [];
  if ((resource.type === "team" || resource.type === "case") && resource.actorTeamRole === "lead")
    roles.push("team_lead");
  if (resource.type === "organisation" && resource.actorLeadsTeam === true) roles.push("team_lead");
  return roles;
}

function inScope(actor: PolicyActor, resource: Resource): boolean {
  switch (resource.type) {
    case "instance":
      return true;
    case "own":
      return resource.ownerId === actor.accountId;
    case "organisation":
    case "account":
    case "document":
    case "team":
      // Tenant isolation: an organisation resource exists only for staff of that organisation.
      return (
        actor.kind === "staff" && actor.organisationId !== null && actor.organisationId === resource.organisationId
      );
    case "case":
      // A case exists for its client and for members of its team; everyone else gets "not found".
      if (actor.kind === "client") return resource.clientId === actor.accountId;
      return actor.organisationId === resource.organisationId && resource.actorTeamRole !== null;
  }
}

/** The decision without throwing, for tests and for UIs that hide what one may not do. */
export function decide(actor: PolicyActor, action: Action, resource: Resource): Decision {
  const permission = PERMISSIONS[action];
  if (SCOPE_OF_RESOURCE[resource.type] !== permission.scope) {
    // A programming error, not a user error: the route passed the wrong kind of resource.
    throw new Error(`authorize(${action}) needs a ${permission.scope} resource, got ${resource.type}`);
  }
  if (!inScope(actor, resource)) return "not_found";
  const roles = rolesFor(actor, resource);
  if (!roles.some((r) => (permission.roles as readonly Role[]).includes(r))) return "forbidden";
  if ("notSelf" in permission && resource.type === "account" && resource.accountId === actor.accountId)
    return "forbidden";
  // A counsellor's role reaches only the teams they belong to; admins and leads are allowed by their role.
  if (
    "membersOnly" in permission &&
    resource.type === "team" &&
    resource.actorTeamRole === null &&
    !roles.some((r) => r !== "counsellor" && (permission.roles as readonly Role[]).includes(r))
  )
    return "forbidden";
  // Four eyes: whoever wrote a draft cannot also approve it.
  if ("notAuthor" in permission && resource.type === "document" && resource.authorId === actor.accountId)
    return "forbidden";
  if (
    "assigneeOrLead" in permission &&
    resource.type === "case" &&
    resource.assigneeId !== actor.accountId &&
    !roles.includes("team_lead")
  )
    return "forbidden";
  // Need-to-know: a colleague's assigned case opens only with a stated, audited reason (break glass).
  if (
    "breakGlass" in permission &&
    resource.type === "case" &&
    actor.kind === "staff" &&
    resource.assigneeId !== null &&
    resource.assigneeId !== actor.accountId &&
    !roles.includes("team_lead") &&
    resource.breakGlassActive !== true
  )
    return "break_glass_required";
  return "allow";
}

/**
 * The one authorisation check: throws NotFoundError when the resource is
 * outside the actor's reach (other organisation, someone else's session) and
 * ForbiddenError when it is visible but the role does not allow the action.
 */
export function authorize(actor: PolicyActor, action: Action, resource: Resource): void {
  const decision = decide(actor, action, resource);
  if (decision === "not_found") throw new NotFoundError();
  if (decision === "forbidden") throw new ForbiddenError();
  if (decision === "break_glass_required")
    throw new AppError("break_glass_required", "This case is assigned to a colleague; state a reason to open it");
}
