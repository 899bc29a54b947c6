// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BodyOf, ParamsOf, QueryOf, RouteDef } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { AppError } from "../../core/errors";
import type { AppContext } from "../../core/context";
import type { Handler, HandlerInput } from "../../core/route-table";
import { requireSession } from "../../modules/identity";
import { validateInput } from "./validate";

function parsePart<T>(
  ctx: AppContext,
  route: RouteDef,
  schema: z.ZodType | undefined,
  value: unknown,
  code: "invalid_body" | "invalid_query" | "invalid_params",
): T {
  if (!schema) {
    // Routes without a body accept none: anything else is a client bug.
    if (
      code === "invalid_body" &&
      value !== undefined &&
      value !== null &&
      !(typeof value === "string" && value === "")
    ) {
      throw new AppError("invalid_body", "This endpoint takes no request body");
    }
    return {} as T;
  }
  const parsed = validateInput(schema, value ?? (code === "invalid_body" ? undefined : {}));
  if (!parsed.ok) {
    // A validator that throws is a schema bug worth fixing; the input still gets the ordinary 400.
    if (parsed.threw) ctx.logger.warn({ route: `${route.method} ${route.path}`, part: code }, "validator threw");
    const what = code === "invalid_body" ? "request body" : code === "invalid_query" ? "query parameters" : "path";
    throw new AppError(code, `The ${what} is not valid`, { issues: parsed.issues });
  }
  return parsed.data as T;
}

/**
 * The one pipeline every route goes through: cross-origin check and rate
 * limit (onRequest hooks in app.ts, by `config.rateClass`) → authenticate →
 * validate → handler (authorise + service + present) → response check.
 * Handlers never see unvalidated input.
 */
export function registerRoute<R extends RouteDef>(
  app: FastifyInstance,
  ctx: AppContext,
  route: R,
  handler: NoInfer<Handler<R>>,
): void {
  app.route({
    method: route.method,
    url: route.path,
    config: { rateClass: route.rate },
    handler: async (request, reply) => {
      const actor = route.auth === "session" ? await requireSession(ctx, request, reply) : undefined;
      const params = parsePart<ParamsOf<R>>(ctx, route, route.params, request.params, "invalid_params");
      const query = parsePart<QueryOf<R>>(ctx, route, route.query, request.query, "invalid_query");
      const body = parsePart<BodyOf<R>>(ctx, route, route.body, request.body, "invalid_body");
      const result = await handler({
        ctx,
        body,
        params,
        query,
        actor: actor as HandlerInput<R>["actor"],
        request,
        reply,
      });
      if ("raw" in result) return reply;
      const schema = route.responses[result.status];
      if (!schema) throw new Error(`Route ${route.method} ${route.path} answered undeclared status ${result.status}`);
      if (result.status === 204) return reply.status(204).send();
      // Presenters must produce exactly the declared shape; a mismatch is our bug, never the client's.
      const checked = schema.safeParse(result.body);
      if (!checked.success) throw new Error(`Response of ${route.method} ${route.path} does not match its schema`);
      return reply.status(result.status).send(checked.data as never);
    },
  });
}
