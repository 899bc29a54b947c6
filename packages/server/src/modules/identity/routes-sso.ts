// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  DeleteSsoConfig,
  GetSsoConfig,
  GetSsoLink,
  ListSsoOrganisations,
  PutSsoConfig,
  SsoCallback,
  SsoLinkStart,
  SsoStart,
  SsoUnlockFinish,
  SsoUnlockStart,
} from "@obhut/protocol";
import type { FastifyReply } from "fastify";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { createSession, findSession, readCookie, setSessionCookie } from "./session";
import { finishSso, finishSsoUnlock, getSsoLink, startSsoLink, startSsoLogin, startSsoUnlock } from "./sso";
import { deleteSsoConfig, getSsoConfig, listSsoOrganisations, putSsoConfig } from "./sso-config";

/** The browser-binding cookie of a login round trip: the callback must come back to the browser that started it. */
function bindingCookieName(ctx: AppContext): string {
  return ctx.config.publicUrl.startsWith("https:") ? "__Host-obhut_sso" : "obhut_sso";
}

function setBindingCookie(ctx: AppContext, reply: FastifyReply, token: string | null): void {
  const secure = ctx.config.publicUrl.startsWith("https:") ? "; Secure" : "";
  // SameSite=Strict still works: the callback page is ours and its fetch is same-site.
  const maxAge = token ? 600 : 0;
  reply.header(
    "set-cookie",
    `${bindingCookieName(ctx)}=${token ?? ""}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`,
  );
}

export function registerSsoRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetSsoConfig, async ({ actor, params }) => ({
    status: 200,
    body: { config: await getSsoConfig(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(PutSsoConfig, async ({ actor, params, body }) => ({
    status: 200,
    body: { config: await putSsoConfig(ctx, { actor, orgId: params.orgId, body }) },
  }));

  routes.add(DeleteSsoConfig, async ({ actor, params }) => {
    await deleteSsoConfig(ctx, { actor, orgId: params.orgId });
    return { status: 204, body: null };
  });

  routes.add(ListSsoOrganisations, async () => ({
    status: 200,
    body: { organisations: await listSsoOrganisations(ctx) },
  }));

  routes.add(SsoStart, async ({ body, reply }) => {
    const { authorizationUrl, browserToken } = await startSsoLogin(ctx, body);
    setBindingCookie(ctx, reply, browserToken);
    reply.header("cache-control", "no-store");
    return { status: 200, body: { authorizationUrl } };
  });

  routes.add(GetSsoLink, async ({ actor }) => ({ status: 200, body: await getSsoLink(ctx, actor) }));

  routes.add(SsoLinkStart, async ({ actor, reply }) => {
    reply.header("cache-control", "no-store");
    return { status: 200, body: { authorizationUrl: await startSsoLink(ctx, actor) } };
  });

  routes.add(SsoCallback, async ({ body, request, reply }) => {
    const result = await finishSso(ctx, {
      params: body,
      browserToken: readCookie(request, bindingCookieName(ctx)),
      linkSession: await findSession(ctx, request),
    });
    if (result.status === "linked") return { status: 200, body: { status: "linked" } };
    setBindingCookie(ctx, reply, null);
    setSessionCookie(ctx, reply, result.sessionToken);
    return { status: 200, body: { status: "password_required", username: result.username } };
  });

  routes.add(SsoUnlockStart, async ({ actor, body }) => ({
    status: 200,
    body: await startSsoUnlock(ctx, actor, body.startLoginRequest),
  }));

  routes.add(SsoUnlockFinish, async ({ actor, body, reply }) => {
    const { account, keyBundle, accountId } = await finishSsoUnlock(ctx, actor, body);
    const session = await createSession(ctx, accountId);
    setSessionCookie(ctx, reply, session.token);
    return { status: 200, body: { account, keyBundle } };
  });
}
