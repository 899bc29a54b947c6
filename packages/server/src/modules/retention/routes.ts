// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetRetentionRules,
  GetLegalHold,
  ListLegalHolds,
  ReleaseLegalHold,
  SetLegalHold,
  UpdateRetentionRules,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import {
  getLegalHold,
  getRetentionRules,
  listLegalHolds,
  releaseLegalHold,
  setLegalHold,
  updateRetentionRules,
} from "./rules";

export function registerRetentionRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetRetentionRules, async ({ actor, params }) => ({
    status: 200,
    body: { rules: await getRetentionRules(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(UpdateRetentionRules, async ({ actor, params, body }) => ({
    status: 200,
    body: { rules: await updateRetentionRules(ctx, { actor, orgId: params.orgId, rules: body.rules }) },
  }));

  routes.add(ListLegalHolds, async ({ actor, params }) => ({
    status: 200,
    body: { holds: await listLegalHolds(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(GetLegalHold, async ({ actor, params }) => ({
    status: 200,
    body: { hold: await getLegalHold(ctx, { actor, caseId: params.caseId }) },
  }));

  routes.add(SetLegalHold, async ({ actor, params, body }) => ({
    status: 200,
    body: { hold: await setLegalHold(ctx, { actor, caseId: params.caseId, reason: body.reason }) },
  }));

  routes.add(ReleaseLegalHold, async ({ actor, params }) => {
    await releaseLegalHold(ctx, { actor, caseId: params.caseId });
    return { status: 204, body: null };
  });
}
