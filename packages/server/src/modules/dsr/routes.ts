// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AccountDeletionFinish,
  AccountDeletionStart,
  CloseDsrRequest,
  CreateDsrRequest,
  DsrReport,
  ExtendDsrRequest,
  GetAccountDeletion,
  GetMyData,
  LiftRestriction,
  ListDsrRequests,
  ListMyRestrictions,
  ListRestrictions,
  SetRestriction,
} from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import {
  closeDsrRequest,
  createDsrRequest,
  dsrReport,
  extendDsrRequest,
  listDsrRequests,
} from "./requests";
import { liftRestriction, listMyRestrictions, listRestrictions, setRestriction } from "./restrictions";
import { accountDeletionCheck, finishAccountDeletion, getMyData, startAccountDeletion } from "./self";

/** Data-subject rights (docs/PROTOCOL.md, "Data-subject rights"). */
export function registerDsrRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, ListDsrRequests, async ({ actor, params, query }) => ({
    status: 200,
    body: await listDsrRequests(ctx, { actor, orgId: params.orgId, state: query.state }),
  }));

  registerRoute(app, ctx, CreateDsrRequest, async ({ actor, params, body }) => ({
    status: 201,
    body: { request: await createDsrRequest(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  registerRoute(app, ctx, ExtendDsrRequest, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      request: await extendDsrRequest(ctx, { actor, orgId: params.orgId, requestId: params.requestId, ...body }),
    },
  }));

  registerRoute(app, ctx, CloseDsrRequest, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      request: await closeDsrRequest(ctx, { actor, orgId: params.orgId, requestId: params.requestId, ...body }),
    },
  }));

  registerRoute(app, ctx, DsrReport, async ({ actor, params }) => ({
    status: 200,
    body: await dsrReport(ctx, { actor, orgId: params.orgId }),
  }));

  registerRoute(app, ctx, ListRestrictions, async ({ actor, params }) => ({
    status: 200,
    body: { restrictions: await listRestrictions(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, SetRestriction, async ({ actor, params, body }) => ({
    status: 201,
    body: { restriction: await setRestriction(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  registerRoute(app, ctx, LiftRestriction, async ({ actor, params }) => {
    await liftRestriction(ctx, { actor, orgId: params.orgId, restrictionId: params.restrictionId });
    return { status: 204, body: null };
  });

  registerRoute(app, ctx, ListMyRestrictions, async ({ actor }) => ({
    status: 200,
    body: { restrictions: await listMyRestrictions(ctx, actor) },
  }));

  registerRoute(app, ctx, GetMyData, async ({ actor }) => ({ status: 200, body: await getMyData(ctx, actor) }));

  registerRoute(app, ctx, GetAccountDeletion, async ({ actor }) => ({
    status: 200,
    body: await accountDeletionCheck(ctx, actor),
  }));

  registerRoute(app, ctx, AccountDeletionStart, async ({ actor, body }) => ({
    status: 200,
    body: await startAccountDeletion(ctx, { actor, startLoginRequest: body.startLoginRequest }),
  }));

  registerRoute(app, ctx, AccountDeletionFinish, async ({ actor, body }) => ({
    status: 200,
    body: { deleted: await finishAccountDeletion(ctx, { actor, ...body }) },
  }));
}
