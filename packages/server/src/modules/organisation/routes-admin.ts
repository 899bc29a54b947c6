// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ChangeAccountRole,
  DeactivateAccount,
  ListStaffAccounts,
  ListStaffDirectory,
  ListTeamMembers,
  ListTeams,
  RevokeAccountSessions,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import {
  changeAccountRole,
  deactivateAccount,
  listStaffAccounts,
  listStaffDirectory,
  listTeamMembers,
  listTeams,
} from "./admin";
import { revokeAccountSessions } from "../identity";
import { registerAttentionRoutes } from "./routes-attention";

export function registerAdminRoutes(routes: RouteTable, ctx: AppContext): void {
  registerAttentionRoutes(routes, ctx);
  routes.add(ListStaffAccounts, async ({ actor, params }) => ({
    status: 200,
    body: { accounts: await listStaffAccounts(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(DeactivateAccount, async ({ actor, params }) => {
    const result = await deactivateAccount(ctx, { actor, orgId: params.orgId, accountId: params.accountId });
    return { status: 200, body: { account: result.account, endedSessions: result.endedSessions } };
  });

  routes.add(ChangeAccountRole, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      account: await changeAccountRole(ctx, {
        actor,
        orgId: params.orgId,
        accountId: params.accountId,
        role: body.role,
      }),
    },
  }));

  routes.add(RevokeAccountSessions, async ({ actor, params }) => ({
    status: 200,
    body: {
      endedSessions: await revokeAccountSessions(ctx, { actor, orgId: params.orgId, accountId: params.accountId }),
    },
  }));

  routes.add(ListTeams, async ({ actor, params }) => ({
    status: 200,
    body: { teams: await listTeams(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(ListStaffDirectory, async ({ actor, params }) => ({
    status: 200,
    body: { staff: await listStaffDirectory(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(ListTeamMembers, async ({ actor, params }) => ({
    status: 200,
    body: { members: await listTeamMembers(ctx, { actor, orgId: params.orgId, teamId: params.teamId }) },
  }));
}
