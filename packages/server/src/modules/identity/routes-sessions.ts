// SPDX-License-Identifier: AGPL-3.0-or-later
import { ListSessions, RevokeOtherSessions, RevokeSession } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { setSessionCookie } from "./session";
import { listOwnSessions, revokeOtherSessions, revokeOwnSession } from "./sessions";

export function registerSessionRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListSessions, async ({ actor }) => ({
    status: 200,
    body: { sessions: await listOwnSessions(ctx, { actor }) },
  }));

  routes.add(RevokeSession, async ({ actor, params, reply }) => {
    await revokeOwnSession(ctx, { actor, sessionId: params.sessionId });
    if (params.sessionId === actor.sessionId) setSessionCookie(ctx, reply, null);
    return { status: 204, body: null };
  });

  routes.add(RevokeOtherSessions, async ({ actor }) => ({
    status: 200,
    body: { endedSessions: await revokeOtherSessions(ctx, { actor }) },
  }));
}
