// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CreateInvitation,
  InvitationRegisterFinish,
  InvitationRegisterStart,
  ListInvitations,
  RevokeInvitation,
  VerifyInvitation,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { createInvitation, listInvitations, revokeInvitation, verifyInvitation } from "./invitations";
import { finishInvitationRegistration, startInvitationRegistration } from "./invitations-register";

export function registerInvitationRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(CreateInvitation, async ({ actor, params, body }) => ({
    status: 201,
    body: await createInvitation(ctx, {
      actor,
      orgId: params.orgId,
      role: body.role,
      ...(body.teamId ? { teamId: body.teamId } : {}),
      ...(body.expiresInHours ? { expiresInHours: body.expiresInHours } : {}),
    }),
  }));

  routes.add(ListInvitations, async ({ actor, params }) => ({
    status: 200,
    body: { invitations: await listInvitations(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(RevokeInvitation, async ({ actor, params }) => {
    await revokeInvitation(ctx, { actor, orgId: params.orgId, invitationId: params.invitationId });
    return { status: 204, body: null };
  });

  routes.add(VerifyInvitation, async ({ body }) => ({
    status: 200,
    body: await verifyInvitation(ctx, body.token),
  }));

  routes.add(InvitationRegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startInvitationRegistration(ctx, body) },
  }));

  routes.add(InvitationRegisterFinish, async ({ body }) => ({
    status: 201,
    body: { account: await finishInvitationRegistration(ctx, body) },
  }));
}
