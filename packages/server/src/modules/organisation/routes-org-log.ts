// SPDX-License-Identifier: AGPL-3.0-or-later
import { AppendOrgLogEntry, GetOrgLog, GetOrgRootKey } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { appendOrgLogEntry, readOrgLog, readOrgRootKey } from "./org-log";

export function registerOrgLogRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetOrgLog, async ({ actor, params, query }) => ({
    status: 200,
    body: await readOrgLog(ctx, {
      actor,
      orgId: params.orgId,
      ...(query.after !== undefined ? { after: query.after } : {}),
    }),
  }));

  routes.add(GetOrgRootKey, async ({ params }) => ({
    status: 200,
    body: await readOrgRootKey(ctx, params.orgId),
  }));

  routes.add(AppendOrgLogEntry, async ({ actor, params, body }) => ({
    status: 201,
    body: await appendOrgLogEntry(ctx, { actor, orgId: params.orgId, entry: body.entry }),
  }));
}
