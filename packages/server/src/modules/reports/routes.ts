// SPDX-License-Identifier: AGPL-3.0-or-later
import { GetStatistics, GetStatisticsSettings, PutStatisticsSettings } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { getStatistics, getStatisticsSettings, setStatisticsSettings } from "./statistics";

/** Statistics for funders (docs/PROTOCOL.md, "Statistics"). */
export function registerReportRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetStatistics, async ({ actor, params, query }) => ({
    status: 200,
    body: await getStatistics(ctx, { actor, orgId: params.orgId, ...query }),
  }));
  routes.add(GetStatisticsSettings, async ({ actor, params }) => ({
    status: 200,
    body: await getStatisticsSettings(ctx, { actor, orgId: params.orgId }),
  }));
  routes.add(PutStatisticsSettings, async ({ actor, params, body }) => ({
    status: 200,
    body: await setStatisticsSettings(ctx, { actor, orgId: params.orgId, minCellSize: body.minCellSize }),
  }));
}
