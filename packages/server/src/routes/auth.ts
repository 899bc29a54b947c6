// SPDX-License-Identifier: AGPL-3.0-or-later
import { CurrentSession, LoginFinish, LoginStart, Logout, RegisterFinish, RegisterStart } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context";
import { registerRoute } from "../http/register-route";
import { createSession, revokeSession, setSessionCookie } from "../http/session";
import { presentAccount } from "../presenters/account";
import { finishLogin, finishRegistration, startLogin, startRegistration } from "../services/auth";
import { assertPasswordOnlyLoginAllowed } from "../services/sso-config";

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, RegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startRegistration(ctx, body) },
  }));

  registerRoute(app, ctx, RegisterFinish, async ({ body }) => ({
    status: 201,
    body: { account: await finishRegistration(ctx, body) },
  }));

  registerRoute(app, ctx, LoginStart, async ({ body }) => ({ status: 200, body: await startLogin(ctx, body) }));

  registerRoute(app, ctx, LoginFinish, async ({ body, reply }) => {
    const { account, keyBundle, accountId } = await finishLogin(ctx, body);
    await assertPasswordOnlyLoginAllowed(ctx, account);
    const session = await createSession(ctx, accountId);
    setSessionCookie(ctx, reply, session.token);
    return { status: 200, body: { account, keyBundle } };
  });

  registerRoute(app, ctx, Logout, async ({ request, reply }) => {
    await revokeSession(ctx, request);
    setSessionCookie(ctx, reply, null);
    return { status: 204, body: null };
  });

  registerRoute(app, ctx, CurrentSession, async ({ actor }) => {
    const row = await ctx.db.db
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", actor.accountId)
      .executeTakeFirstOrThrow();
    return { status: 200, body: { account: presentAccount(row), expiresAt: actor.expiresAt } };
  });
}
