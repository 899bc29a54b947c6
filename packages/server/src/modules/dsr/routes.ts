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
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { closeDsrRequest, createDsrRequest, dsrReport, extendDsrRequest, listDsrRequests } from "./requests";
import { liftRestriction, listMyRestrictions, listRestrictions, setRestriction } from "./restrictions";
import { accountDeletionCheck, finishAccountDeletion, getMyData, startAccountDeletion } from "./self";

/** Data-subject rights (docs/PROTOCOL.md, "Data-subject rights"). */
export function registerDsrRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListDsrRequests, async ({ actor, params, query }) => ({
    status: 200,
    body: await listDsrRequests(ctx, { actor, orgId: params.orgId, state: query.state }),
  }));

  routes.add(CreateDsrRequest, async ({ actor, params, body }) => ({
    status: 201,
    body: { request: await createDsrRequest(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  routes.add(ExtendDsrRequest, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      request: await extendDsrRequest(ctx, { actor, orgId: params.orgId, requestId: params.requestId, ...body }),
    },
  }));

  routes.add(CloseDsrRequest, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      request: await closeDsrRequest(ctx, { actor, orgId: params.orgId, requestId: params.requestId, ...body }),
    },
  }));

  routes.add(DsrReport, async ({ actor, params }) => ({
    status: 200,
    body: await dsrReport(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(ListRestrictions, async ({ actor, params }) => ({
    status: 200,
    body: { restrictions: await listRestrictions(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(SetRestriction, async ({ actor, params, body }) => ({
    status: 201,
    body: { restriction: await setRestriction(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  routes.add(LiftRestriction, async ({ actor, params }) => {
    await liftRestriction(ctx, { actor, orgId: params.orgId, restrictionId: params.restrictionId });
    return { status: 204, body: null };
  });

  routes.add(ListMyRestrictions, async ({ actor }) => ({
    status: 200,
    body: { restrictions: await listMyRestrictions(ctx, actor) },
  }));

  routes.add(GetMyData, async ({ actor }) => ({ status: 200, body: await getMyData(ctx, actor) }));

  routes.add(GetAccountDeletion, async ({ actor }) => ({
    status: 200,
    body: await accountDeletionCheck(ctx, actor),
  }));

  routes.add(AccountDeletionStart, async ({ actor, body }) => ({
    status: 200,
    body: await startAccountDeletion(ctx, { actor, startLoginRequest: body.startLoginRequest }),
  }));

  routes.add(AccountDeletionFinish, async ({ actor, body }) => ({
    status: 200,
    body: { deleted: await finishAccountDeletion(ctx, { actor, ...body }) },
  }));
}
