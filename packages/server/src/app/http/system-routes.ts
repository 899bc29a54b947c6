// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { Health, Metrics, OpenApi, PROTOCOL_VERSION, Ready, Version, allRoutes, buildOpenApi } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { registerRoute } from "./register-route";

export async function readiness(
  ctx: AppContext,
): Promise<{ ok: boolean; checks: { database: "ok" | "failing"; redis: "ok" | "failing" | "not_configured" } }> {
  const database = await ctx.db.ping().then(
    () => "ok" as const,
    () => "failing" as const,
  );
  const redis =
    ctx.bus.kind === "redis"
      ? await ctx.bus.ping().then(
          () => "ok" as const,
          () => "failing" as const,
        )
      : ("not_configured" as const);
  return { ok: database === "ok" && redis !== "failing", checks: { database, redis } };
}

export function metricsTokenMatches(ctx: AppContext, header: string | undefined): boolean {
  const expected = `Bearer ${ctx.config.metricsToken ?? ctx.secrets.metricsToken}`;
  if (!header) return false;
  const a = crypto.createHash("sha256").update(header).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export function registerSystemRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, Health, async () => ({ status: 200, body: { status: "ok" } }));

  registerRoute(app, ctx, Ready, async () => {
    const { ok, checks } = await readiness(ctx);
    return ok
      ? { status: 200, body: { status: "ready", checks } }
      : { status: 503, body: { status: "not_ready", checks } };
  });

  registerRoute(app, ctx, Version, async () => ({
    status: 200,
    body: { name: "obhut", version: ctx.version, protocol: PROTOCOL_VERSION },
  }));

  const openapi = buildOpenApi(allRoutes, { version: ctx.version, serverUrl: ctx.config.publicUrl });
  registerRoute(app, ctx, OpenApi, async () => ({ status: 200, body: openapi }));

  registerRoute(app, ctx, Metrics, async ({ request, reply }) => {
    // With a separate metrics listener the public port does not serve metrics at all.
    if (ctx.config.metricsListen) throw new AppError("not_found", "Not found");
    if (!metricsTokenMatches(ctx, request.headers.authorization)) {
      reply.header("www-authenticate", 'Bearer realm="metrics"');
      throw new AppError("unauthenticated", "A metrics token is required");
    }
    reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
    return { raw: true };
  });
}
