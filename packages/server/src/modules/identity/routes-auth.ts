// SPDX-License-Identifier: AGPL-3.0-or-later
import { CurrentSession, LoginFinish, LoginStart, Logout, RegisterFinish, RegisterStart } from "@obhut/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { createSession, readCookie, revokeSession, setSessionCookie } from "./session";
import { presentAccount } from "./presenter-account";
import { finishLogin, finishRegistration, startLogin, startRegistration, type KnownDeviceGrant } from "./auth";
import { KNOWN_DEVICE_COOKIE_PATH, LOGIN_BUDGET, knownDeviceCookieName, type LoginClient } from "./login-budget";
import { assertPasswordOnlyLoginAllowed } from "./sso-config";
import { getAccount } from "./store-accounts";

export function registerAuthRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(RegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startRegistration(ctx, body) },
  }));

  routes.add(RegisterFinish, async ({ body }) => ({
    status: 201,
    body: { account: await finishRegistration(ctx, body) },
  }));

  routes.add(LoginStart, async ({ body, request }) => ({
    status: 200,
    body: await startLogin(ctx, { ...body, client: loginClient(request) }),
  }));

  routes.add(LoginFinish, async ({ body, request, reply }) => {
    const { account, keyBundle, accountId, knownDevice } = await finishLogin(ctx, {
      ...body,
      client: loginClient(request),
    });
    await assertPasswordOnlyLoginAllowed(ctx, account);
    const session = await createSession(ctx, accountId);
    setSessionCookie(ctx, reply, session.token);
    if (knownDevice) setKnownDeviceCookie(ctx, reply, knownDevice);
    return { status: 200, body: { account, keyBundle } };
  });

  routes.add(Logout, async ({ request, reply }) => {
    await revokeSession(ctx, request);
    setSessionCookie(ctx, reply, null);
    return { status: 204, body: null };
  });

  routes.add(CurrentSession, async ({ actor }) => {
    const row = await getAccount(ctx.db.db, actor.accountId);
    return {
      status: 200,
      body: {
        account: presentAccount(row),
        expiresAt: actor.expiresAt,
        absoluteExpiresAt: actor.absoluteExpiresAt,
        idleMs: actor.idleMs,
        now: ctx.clock.now(),
      },
    };
  });
}

/** The address (as resolved under `trustProxy`) only feeds HMAC-ed budget keys: never stored, never logged. */
export function loginClient(request: FastifyRequest): LoginClient {
  return { address: request.ip, cookie: (name) => readCookie(request, name) };
}

/** Set after the session cookie, which stays the first Set-Cookie line. HttpOnly: scripts never see it. */
function setKnownDeviceCookie(ctx: AppContext, reply: FastifyReply, grant: KnownDeviceGrant): void {
  const secure = ctx.config.publicUrl.startsWith("https:") ? "; Secure" : "";
  const maxAge = Math.floor(LOGIN_BUDGET.knownDeviceMs / 1000);
  reply.header(
    "set-cookie",
    `${knownDeviceCookieName(ctx, grant.nameKey)}=${grant.token}; Path=${KNOWN_DEVICE_COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`,
  );
}
