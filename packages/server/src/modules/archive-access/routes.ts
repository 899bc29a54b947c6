// SPDX-License-Identifier: AGPL-3.0-or-later
import { DecideArchiveAccess, ListArchiveAccess, RequestArchiveAccess } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { decideArchiveAccess, listArchiveAccess, requestArchiveAccess } from "./archive-access";

/** Archive access (docs/PROTOCOL.md, "Archive access"; ADR 0032). The reads themselves are ListMessages and ListEpochs. */
export function registerArchiveAccessRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(RequestArchiveAccess, async ({ actor, params, body }) => ({
    status: 201,
    body: { request: await requestArchiveAccess(ctx, { actor, caseId: params.caseId, reason: body.reason }) },
  }));

  routes.add(DecideArchiveAccess, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      request: await decideArchiveAccess(ctx, {
        actor,
        orgId: params.orgId,
        requestId: params.requestId,
        approve: body.approve,
      }),
    },
  }));

  routes.add(ListArchiveAccess, async ({ actor, params }) => ({
    status: 200,
    body: { requests: await listArchiveAccess(ctx, { actor, orgId: params.orgId }) },
  }));
}
