// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetMessagingPolicy,
  GetOrganisation,
  GetOrganisationPolicy,
  UpdateMessagingPolicy,
  UpdateOrganisationPolicy,
} from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { getOrganisation } from "./organisations";
import { readMessagingPolicy, updateMessagingPolicy } from "../messaging/messaging-policy";
import { readOrganisationPolicy, updateOrganisationPolicy } from "../../policies/organisation-policy";

export function registerOrganisationRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, GetOrganisation, async ({ actor, params }) => ({
    status: 200,
    body: { organisation: await getOrganisation(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, GetOrganisationPolicy, async ({ actor, params }) => ({
    status: 200,
    body: await readOrganisationPolicy(ctx, { actor, orgId: params.orgId }),
  }));

  registerRoute(app, ctx, UpdateOrganisationPolicy, async ({ actor, params, body }) => ({
    status: 200,
    body: await updateOrganisationPolicy(ctx, { actor, orgId: params.orgId, roles: body.roles }),
  }));

  registerRoute(app, ctx, GetMessagingPolicy, async ({ actor, params }) => ({
    status: 200,
    body: { policy: await readMessagingPolicy(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, UpdateMessagingPolicy, async ({ actor, params, body }) => ({
    status: 200,
    body: { policy: await updateMessagingPolicy(ctx, { actor, orgId: params.orgId, policy: body.policy }) },
  }));
}
