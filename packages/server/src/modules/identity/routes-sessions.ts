// SPDX-License-Identifier: AGPL-3.0-or-later
import { ListSessions, RevokeOtherSessions, RevokeSession } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { setSessionCookie } from "./session";
import { listOwnSessions, revokeOtherSessions, revokeOwnSession } from "./sessions";

export function registerSessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, ListSessions, async ({ actor }) => ({
    status: 200,
    body: { sessions: await listOwnSessions(ctx, { actor }) },
  }));

  registerRoute(app, ctx, RevokeSession, async ({ actor, params, reply }) => {
    await revokeOwnSession(ctx, { actor, sessionId: params.sessionId });
    if (params.sessionId === actor.sessionId) setSessionCookie(ctx, reply, null);
    return { status: 204, body: null };
  });

  registerRoute(app, ctx, RevokeOtherSessions, async ({ actor }) => ({
    status: 200,
    body: { endedSessions: await revokeOtherSessions(ctx, { actor }) },
  }));
}
