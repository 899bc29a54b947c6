// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddTeamMember,
  CreateAgency,
  CreateTeam,
  CreateTopic,
  ListAgencies,
  RemoveTeamMember,
  ResetSecondFactor,
  UpdateAgency,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import {
  addTeamMember,
  createAgency,
  createTeam,
  createTopic,
  listAgencies,
  removeTeamMember,
  resetSecondFactor,
  updateAgency,
} from "./org-structure";

/** The admin console's organisation structure: agencies, topics, teams, membership, second-factor reset. */
export function registerOrgStructureRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListAgencies, async ({ actor, params }) => ({
    status: 200,
    body: await listAgencies(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(CreateAgency, async ({ actor, params, body }) => ({
    status: 201,
    body: { agency: await createAgency(ctx, { actor, orgId: params.orgId, input: body }) },
  }));

  routes.add(UpdateAgency, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      agency: await updateAgency(ctx, { actor, orgId: params.orgId, agencyId: params.agencyId, input: body }),
    },
  }));

  routes.add(CreateTopic, async ({ actor, params, body }) => ({
    status: 201,
    body: { topic: await createTopic(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  routes.add(CreateTeam, async ({ actor, params, body }) => ({
    status: 201,
    body: { team: await createTeam(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  routes.add(AddTeamMember, async ({ actor, params, body }) => ({
    status: 200,
    body: await addTeamMember(ctx, { actor, orgId: params.orgId, teamId: params.teamId, ...body }),
  }));

  routes.add(RemoveTeamMember, async ({ actor, params }) => {
    await removeTeamMember(ctx, { actor, ...params });
    return { status: 204, body: null };
  });

  routes.add(ResetSecondFactor, async ({ actor, params }) => ({
    status: 200,
    body: await resetSecondFactor(ctx, { actor, orgId: params.orgId, accountId: params.accountId }),
  }));
}
