// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetClientSafety,
  GetMessagingPolicy,
  GetOrganisation,
  GetOrganisationPolicy,
  GetPublicClientSafety,
  UpdateClientSafety,
  UpdateMessagingPolicy,
  UpdateOrganisationPolicy,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { publicQuickExitTarget, readClientSafety, updateClientSafety } from "./client-safety";
import { getOrganisation } from "./organisations";
import { readMessagingPolicy, updateMessagingPolicy } from "../messaging";
import { readOrganisationPolicy, updateOrganisationPolicy } from "./organisation-policy";

export function registerOrganisationRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetOrganisation, async ({ actor, params }) => ({
    status: 200,
    body: { organisation: await getOrganisation(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(GetOrganisationPolicy, async ({ actor, params }) => ({
    status: 200,
    body: await readOrganisationPolicy(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(UpdateOrganisationPolicy, async ({ actor, params, body }) => ({
    status: 200,
    body: await updateOrganisationPolicy(ctx, { actor, orgId: params.orgId, roles: body.roles, client: body.client }),
  }));

  routes.add(GetMessagingPolicy, async ({ actor, params }) => ({
    status: 200,
    body: { policy: await readMessagingPolicy(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(UpdateMessagingPolicy, async ({ actor, params, body }) => ({
    status: 200,
    body: { policy: await updateMessagingPolicy(ctx, { actor, orgId: params.orgId, policy: body.policy }) },
  }));

  routes.add(GetClientSafety, async ({ actor, params }) => ({
    status: 200,
    body: { settings: await readClientSafety(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(UpdateClientSafety, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      settings: await updateClientSafety(ctx, { actor, orgId: params.orgId, quickExitUrl: body.quickExitUrl }),
    },
  }));

  routes.add(GetPublicClientSafety, async ({ params }) => ({
    status: 200,
    body: { quickExitUrl: await publicQuickExitTarget(ctx, params.orgId) },
  }));
}
