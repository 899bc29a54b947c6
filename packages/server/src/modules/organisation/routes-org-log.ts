// SPDX-License-Identifier: AGPL-3.0-or-later
import { AppendOrgLogEntry, GetOrgLog } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { appendOrgLogEntry, readOrgLog } from "./org-log";

export function registerOrgLogRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, GetOrgLog, async ({ actor, params, query }) => ({
    status: 200,
    body: await readOrgLog(ctx, {
      actor,
      orgId: params.orgId,
      ...(query.after !== undefined ? { after: query.after } : {}),
    }),
  }));

  registerRoute(app, ctx, AppendOrgLogEntry, async ({ actor, params, body }) => ({
    status: 201,
    body: await appendOrgLogEntry(ctx, { actor, orgId: params.orgId, entry: body.entry }),
  }));
}
