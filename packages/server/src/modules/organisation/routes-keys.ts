// SPDX-License-Identifier: AGPL-3.0-or-later
import { GetAccountPublicKeys, ListKeyWraps, UploadKeyWraps } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { getAccountPublicKeys, listKeyWraps, uploadKeyWraps } from "./keys";

export function registerKeyRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListKeyWraps, async ({ actor, query }) => ({
    status: 200,
    body: {
      wraps: await listKeyWraps(ctx, {
        actor,
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.refId ? { refId: query.refId } : {}),
      }),
    },
  }));

  routes.add(UploadKeyWraps, async ({ actor, params, body }) => ({
    status: 201,
    body: { ids: await uploadKeyWraps(ctx, { actor, orgId: params.orgId, wraps: body.wraps }) },
  }));

  routes.add(GetAccountPublicKeys, async ({ actor, params }) => ({
    status: 200,
    body: await getAccountPublicKeys(ctx, { actor, orgId: params.orgId, accountId: params.accountId }),
  }));
}
