// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetRetentionRules,
  GetLegalHold,
  ListLegalHolds,
  ReleaseLegalHold,
  SetLegalHold,
  UpdateRetentionRules,
} from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import {
  getLegalHold,
  getRetentionRules,
  listLegalHolds,
  releaseLegalHold,
  setLegalHold,
  updateRetentionRules,
} from "./rules";

export function registerRetentionRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, GetRetentionRules, async ({ actor, params }) => ({
    status: 200,
    body: { rules: await getRetentionRules(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, UpdateRetentionRules, async ({ actor, params, body }) => ({
    status: 200,
    body: { rules: await updateRetentionRules(ctx, { actor, orgId: params.orgId, rules: body.rules }) },
  }));

  registerRoute(app, ctx, ListLegalHolds, async ({ actor, params }) => ({
    status: 200,
    body: { holds: await listLegalHolds(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, GetLegalHold, async ({ actor, params }) => ({
    status: 200,
    body: { hold: await getLegalHold(ctx, { actor, caseId: params.caseId }) },
  }));

  registerRoute(app, ctx, SetLegalHold, async ({ actor, params, body }) => ({
    status: 200,
    body: { hold: await setLegalHold(ctx, { actor, caseId: params.caseId, reason: body.reason }) },
  }));

  registerRoute(app, ctx, ReleaseLegalHold, async ({ actor, params }) => {
    await releaseLegalHold(ctx, { actor, caseId: params.caseId });
    return { status: 204, body: null };
  });
}
