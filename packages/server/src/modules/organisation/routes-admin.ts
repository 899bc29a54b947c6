// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  DeactivateAccount,
  ListStaffAccounts,
  ListTeamMembers,
  ListTeams,
  RevokeAccountSessions,
} from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { deactivateAccount, listStaffAccounts, listTeamMembers, listTeams } from "./admin";
import { revokeAccountSessions } from "../identity/sessions";

export function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, ListStaffAccounts, async ({ actor, params }) => ({
    status: 200,
    body: { accounts: await listStaffAccounts(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, DeactivateAccount, async ({ actor, params }) => {
    const result = await deactivateAccount(ctx, { actor, orgId: params.orgId, accountId: params.accountId });
    return { status: 200, body: { account: result.account, endedSessions: result.endedSessions } };
  });

  registerRoute(app, ctx, RevokeAccountSessions, async ({ actor, params }) => ({
    status: 200,
    body: {
      endedSessions: await revokeAccountSessions(ctx, { actor, orgId: params.orgId, accountId: params.accountId }),
    },
  }));

  registerRoute(app, ctx, ListTeams, async ({ actor, params }) => ({
    status: 200,
    body: { teams: await listTeams(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, ListTeamMembers, async ({ actor, params }) => ({
    status: 200,
    body: { members: await listTeamMembers(ctx, { actor, orgId: params.orgId, teamId: params.teamId }) },
  }));
}
