// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AppError } from "../../src/core/errors";
import {
  ACTIONS,
  PERMISSIONS,
  ROLES,
  authorize,
  decide,
  renderPermissionTable,
  type Action,
  type PolicyActor,
  type Resource,
  type Role,
} from "../../src/policies";
import { ROLES_DOC_BEGIN, ROLES_DOC_END } from "../../src/policies/roles-doc";
import { REPO_ROOT } from "../helpers/process";

/**
 * The permission table is the specification: for every (role, action) pair
 * the expected decision is read from PERMISSIONS and checked against
 * `authorize`, on the actor's own organisation/team/resources and on those of
 * another organisation (always "not found").
 */
const ORG_A = "org-aaaaaaaa";
const ORG_B = "org-bbbbbbbb";
const ME = "acc-me000000";
const OTHER = "acc-other000";

function actorFor(role: Role): PolicyActor {
  switch (role) {
    case "client":
      return { accountId: ME, organisationId: null, kind: "client", role: "client" };
    case "operator":
      return { accountId: ME, organisationId: null, kind: "staff", role: "operator" };
    case "team_lead":
      // A team lead is a counsellor who leads the team in question.
      return { accountId: ME, organisationId: ORG_A, kind: "staff", role: "counsellor" };
    default:
      return { accountId: ME, organisationId: ORG_A, kind: "staff", role };
  }
}

function resourceFor(action: Action, role: Role, org: string): Resource {
  const p = PERMISSIONS[action];
  switch (p.scope) {
    case "instance":
      return { type: "instance" };
    case "own":
      return { type: "own", ownerId: ME };
    case "team":
      return {
        type: "team",
        organisationId: org,
        teamId: "team-0000001",
        actorTeamRole: role === "team_lead" ? "lead" : role === "counsellor" ? "member" : null,
      };
    case "organisation":
      return action.startsWith("account.")
        ? { type: "account", organisationId: org, accountId: OTHER }
        : "anyTeamLead" in p
          ? { type: "organisation", organisationId: org, actorLeadsTeam: role === "team_lead" }
          : { type: "organisation", organisationId: org };
    case "case":
      // My own case (client) or a case of my team, assigned to me.
      return {
        type: "case",
        organisationId: org,
        clientId: ME,
        assigneeId: ME,
        actorTeamRole: role === "team_lead" ? "lead" : "member",
      };
  }
}

const pairs = ROLES.flatMap((role) => ACTIONS.map((action) => [role, action] as const));

describe("permission table", () => {
  it.each(pairs)("%s → %s: as the table says", (role, action) => {
    const allowed = (PERMISSIONS[action].roles as readonly Role[]).includes(role);
    const actor = actorFor(role);
    const resource = resourceFor(action, role, ORG_A);
    const outside =
      PERMISSIONS[action].scope === "case"
        ? actor.kind === "staff" && actor.organisationId === null
        : PERMISSIONS[action].scope !== "own" &&
          PERMISSIONS[action].scope !== "instance" &&
          actor.organisationId === null;
    expect(decide(actor, action, resource)).toBe(allowed ? "allow" : outside ? "not_found" : "forbidden");
    if (allowed) expect(() => authorize(actor, action, resource)).not.toThrow();
    else {
      const err = (() => {
        try {
          authorize(actor, action, resource);
        } catch (e) {
          return e as AppError;
        }
        throw new Error("no error");
      })();
      expect(err.code).toBe(outside ? "not_found" : "forbidden");
    }
  });

  it.each(pairs.filter(([, a]) => ["organisation", "team"].includes(PERMISSIONS[a].scope)))(
    "%s → %s on another organisation: not found",
    (role, action) => {
      expect(decide(actorFor(role), action, resourceFor(action, role, ORG_B))).toBe("not_found");
    },
  );

  it.each(pairs.filter(([, a]) => PERMISSIONS[a].scope === "own"))(
    "%s → %s on someone else's resource: not found",
    (role, action) => {
      expect(decide(actorFor(role), action, { type: "own", ownerId: OTHER })).toBe("not_found");
    },
  );

  it("refuses self-targeted actions marked notSelf, even for roles that may do them", () => {
    for (const action of ACTIONS.filter((a) => "notSelf" in PERMISSIONS[a])) {
      expect(decide(actorFor("org_admin"), action, { type: "account", organisationId: ORG_A, accountId: ME })).toBe(
        "forbidden",
      );
    }
  });

  it("refuses actions marked notAuthor to the draft's author (four eyes), and allows them to others", () => {
    for (const action of ACTIONS.filter((a) => "notAuthor" in PERMISSIONS[a])) {
      for (const role of PERMISSIONS[action].roles as readonly Role[]) {
        const actor = actorFor(role);
        expect(decide(actor, action, { type: "document", organisationId: ORG_A, authorId: ME })).toBe("forbidden");
        expect(decide(actor, action, { type: "document", organisationId: ORG_A, authorId: OTHER })).toBe("allow");
        expect(decide(actor, action, { type: "document", organisationId: ORG_B, authorId: OTHER })).toBe("not_found");
      }
    }
  });

  it("treats a team lead as a counsellor everywhere except in the team they lead", () => {
    // `anyTeamLead`: leading some team of the organisation is what counts (channel.create).
    const teamBound = (a: Action) =>
      PERMISSIONS[a].scope === "team" || PERMISSIONS[a].scope === "case" || "anyTeamLead" in PERMISSIONS[a];
    for (const action of ACTIONS.filter((a) => !teamBound(a))) {
      const roles = PERMISSIONS[action].roles as readonly Role[];
      expect(roles.includes("team_lead"), action).toBe(roles.includes("counsellor"));
    }
    // Leading another team gives nothing here: outside their teams they are like any counsellor.
    expect(
      decide(actorFor("team_lead"), "legal_hold.manage", {
        type: "team",
        organisationId: ORG_A,
        teamId: "t",
        actorTeamRole: "member",
      }),
    ).toBe("forbidden");
  });

  it("lets counsellors list the members of their own teams only (membersOnly); admins and leads by role", () => {
    const team = (actorTeamRole: "lead" | "member" | null, organisationId = ORG_A) =>
      ({ type: "team", organisationId, teamId: "t", actorTeamRole }) as const;
    expect(decide(actorFor("counsellor"), "team.members.read", team("member"))).toBe("allow");
    expect(decide(actorFor("counsellor"), "team.members.read", team("lead"))).toBe("allow");
    expect(decide(actorFor("counsellor"), "team.members.read", team(null))).toBe("forbidden");
    expect(decide(actorFor("counsellor"), "team.members.read", team("member", ORG_B))).toBe("not_found");
    expect(decide(actorFor("org_admin"), "team.members.read", team(null))).toBe("allow");
    expect(decide(actorFor("dpo"), "team.members.read", team("member"))).toBe("forbidden");
    // Team names are for every staff member of the organisation, and nobody else.
    for (const role of ["counsellor", "org_admin", "dpo", "report_office"] as const) {
      expect(decide(actorFor(role), "team.list", { type: "organisation", organisationId: ORG_A })).toBe("allow");
      expect(decide(actorFor(role), "team.list", { type: "organisation", organisationId: ORG_B })).toBe("not_found");
    }
  });

  it("shows a case only to its client and its team; assigneeOrLead actions need the assignee or the lead", () => {
    const base = { type: "case" as const, organisationId: ORG_A, clientId: OTHER, assigneeId: OTHER };
    const counsellor = actorFor("counsellor");
    for (const action of ACTIONS.filter((a) => PERMISSIONS[a].scope === "case")) {
      // Another team's case, another organisation's, another client's: not found.
      expect(decide(counsellor, action, { ...base, actorTeamRole: null })).toBe("not_found");
      expect(decide(counsellor, action, { ...base, organisationId: ORG_B, actorTeamRole: "member" })).toBe("not_found");
      expect(decide(actorFor("client"), action, { ...base, actorTeamRole: null })).toBe("not_found");
      if ("assigneeOrLead" in PERMISSIONS[action]) {
        expect(decide(counsellor, action, { ...base, actorTeamRole: "member" })).toBe("forbidden");
        expect(decide(counsellor, action, { ...base, actorTeamRole: "lead" })).toBe("allow");
      }
    }
  });

  it("does not let an unknown stored role act as anything", () => {
    const actor: PolicyActor = { accountId: ME, organisationId: ORG_A, kind: "staff", role: "superuser" };
    for (const action of ACTIONS.filter((a) => PERMISSIONS[a].scope === "organisation")) {
      expect(decide(actor, action, resourceFor(action, "counsellor", ORG_A))).toBe("forbidden");
    }
    // A stored "team_lead" account role is not the team role: only team_members.role = lead is.
    const fake: PolicyActor = { ...actor, role: "team_lead" };
    expect(
      decide(fake, "team.members.read", { type: "team", organisationId: ORG_A, teamId: "t", actorTeamRole: null }),
    ).toBe("forbidden");
  });

  it("docs/ROLES.md shows exactly this table", () => {
    const file = path.join(REPO_ROOT, "docs/ROLES.md");
    const doc = fs.readFileSync(file, "utf8");
    const begin = doc.indexOf(ROLES_DOC_BEGIN);
    const end = doc.indexOf(ROLES_DOC_END);
    expect(begin, "docs/ROLES.md needs the permission-table markers").toBeGreaterThan(-1);
    const expected = `${ROLES_DOC_BEGIN}\n${renderPermissionTable()}\n${ROLES_DOC_END}`;
    const actual = doc.slice(begin, end + ROLES_DOC_END.length);
    if (actual !== expected && process.env.UPDATE_ROLES_DOC === "1") {
      fs.writeFileSync(file, doc.slice(0, begin) + expected + doc.slice(end + ROLES_DOC_END.length));
      return;
    }
    expect(actual).toBe(expected);
  });
});
