// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CreateInvitation,
  InvitationRegisterFinish,
  InvitationRegisterStart,
  ListInvitations,
  RevokeInvitation,
  VerifyInvitation,
} from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { createInvitation, listInvitations, revokeInvitation, verifyInvitation } from "./invitations";
import { finishInvitationRegistration, startInvitationRegistration } from "./invitations-register";

export function registerInvitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, CreateInvitation, async ({ actor, params, body }) => ({
    status: 201,
    body: await createInvitation(ctx, {
      actor,
      orgId: params.orgId,
      role: body.role,
      ...(body.teamId ? { teamId: body.teamId } : {}),
      ...(body.expiresInHours ? { expiresInHours: body.expiresInHours } : {}),
    }),
  }));

  registerRoute(app, ctx, ListInvitations, async ({ actor, params }) => ({
    status: 200,
    body: { invitations: await listInvitations(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, RevokeInvitation, async ({ actor, params }) => {
    await revokeInvitation(ctx, { actor, orgId: params.orgId, invitationId: params.invitationId });
    return { status: 204, body: null };
  });

  registerRoute(app, ctx, VerifyInvitation, async ({ body }) => ({
    status: 200,
    body: await verifyInvitation(ctx, body.token),
  }));

  registerRoute(app, ctx, InvitationRegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startInvitationRegistration(ctx, body) },
  }));

  registerRoute(app, ctx, InvitationRegisterFinish, async ({ body }) => ({
    status: 201,
    body: { account: await finishInvitationRegistration(ctx, body) },
  }));
}
