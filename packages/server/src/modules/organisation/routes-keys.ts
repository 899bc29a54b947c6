// SPDX-License-Identifier: AGPL-3.0-or-later
import { GetAccountPublicKeys, ListKeyWraps, UploadKeyWraps } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { getAccountPublicKeys, listKeyWraps, uploadKeyWraps } from "./keys";

export function registerKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, ListKeyWraps, async ({ actor, query }) => ({
    status: 200,
    body: {
      wraps: await listKeyWraps(ctx, {
        actor,
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.refId ? { refId: query.refId } : {}),
      }),
    },
  }));

  registerRoute(app, ctx, UploadKeyWraps, async ({ actor, params, body }) => ({
    status: 201,
    body: { ids: await uploadKeyWraps(ctx, { actor, orgId: params.orgId, wraps: body.wraps }) },
  }));

  registerRoute(app, ctx, GetAccountPublicKeys, async ({ actor, params }) => ({
    status: 200,
    body: await getAccountPublicKeys(ctx, { actor, orgId: params.orgId, accountId: params.accountId }),
  }));
}
