// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetClientDetailQuestions,
  GetMyClientDetails,
  GetStatistics,
  GetStatisticsSettings,
  PutClientDetailQuestions,
  PutMyClientDetails,
  PutStatisticsSettings,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import {
  answerClientDetails,
  getClientDetailQuestions,
  readMyClientDetails,
  setClientDetailQuestions,
} from "./client-details";
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
  // Voluntary client details (ADR 0050).
  routes.add(GetClientDetailQuestions, async ({ actor, params }) => ({
    status: 200,
    body: await getClientDetailQuestions(ctx, { actor, orgId: params.orgId }),
  }));
  routes.add(PutClientDetailQuestions, async ({ actor, params, body }) => ({
    status: 200,
    body: await setClientDetailQuestions(ctx, { actor, orgId: params.orgId, questions: body }),
  }));
  routes.add(GetMyClientDetails, async ({ actor }) => ({ status: 200, body: await readMyClientDetails(ctx, actor) }));
  routes.add(PutMyClientDetails, async ({ actor, params, body }) => ({
    status: 200,
    body: await answerClientDetails(ctx, { actor, orgId: params.orgId, answer: body }),
  }));
}
