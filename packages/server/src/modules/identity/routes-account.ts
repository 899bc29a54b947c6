// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetDisplayName,
  IssueAccountReset,
  PasswordChangeFinish,
  PasswordChangeStart,
  PutRecoveryWrap,
  SetDisplayName,
} from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { finishPasswordChange, putRecoveryWrap, startPasswordChange } from "./account";
import { issueAccountReset } from "./account-reset";
import { getDisplayName, setDisplayName } from "../cases/display-name";

export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, PasswordChangeStart, async ({ actor, body }) => ({
    status: 200,
    body: await startPasswordChange(ctx, { actor, ...body }),
  }));

  registerRoute(app, ctx, PasswordChangeFinish, async ({ actor, body }) => ({
    status: 200,
    body: await finishPasswordChange(ctx, { actor, ...body }),
  }));

  registerRoute(app, ctx, PutRecoveryWrap, async ({ actor, body }) => {
    await putRecoveryWrap(ctx, { actor, masterWrapRecovery: body.masterWrapRecovery });
    return { status: 204, body: null };
  });

  registerRoute(app, ctx, GetDisplayName, async ({ actor }) => ({
    status: 200,
    body: await getDisplayName(ctx, actor),
  }));

  registerRoute(app, ctx, SetDisplayName, async ({ actor, body }) => ({
    status: 200,
    body: await setDisplayName(ctx, actor, body.displayName),
  }));

  registerRoute(app, ctx, IssueAccountReset, async ({ actor, params }) => ({
    status: 201,
    body: await issueAccountReset(ctx, { actor, orgId: params.orgId, accountId: params.accountId }),
  }));
}
