// SPDX-License-Identifier: AGPL-3.0-or-later
import { GetAttentionCounts } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { attentionCounts } from "./attention";

/** The console overview's counts that need server data (issue #16). */
export function registerAttentionRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetAttentionCounts, async ({ actor, params }) => ({
    status: 200,
    body: await attentionCounts(ctx, { actor, orgId: params.orgId }),
  }));
}
