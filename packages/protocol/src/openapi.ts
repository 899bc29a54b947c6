// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { ErrorBody } from "./errors";
import type { RouteDef } from "./route";

/** The current protocol version; bumped on incompatible changes. */
export const PROTOCOL_VERSION = 1;

function toSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: "openapi-3.0", unrepresentable: "any", io: "input" }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

/** OpenAPI 3.1 document generated from the route definitions (one source of truth). */
export function buildOpenApi(
  routes: readonly RouteDef[],
  info: { version: string; serverUrl?: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const oaPath = route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ["path", route.params],
      ["query", route.query],
    ] as const) {
      if (!schema) continue;
      for (const [name, prop] of Object.entries(schema.shape)) {
        parameters.push({
          name,
          in: where,
          required: where === "path" || !(prop as z.ZodType).safeParse(undefined).success,
          schema: toSchema(prop as z.ZodType),
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      responses[status] =
        status === "204"
          ? { description: "No content" }
          : {
              description: "Success",
              content: { [route.produces ?? "application/json"]: { schema: toSchema(schema) } },
            };
    }
    responses["4XX"] = {
      description: "Client error with a stable code",
      content: { "application/json": { schema: toSchema(ErrorBody) } },
    };
    paths[oaPath] ??= {};
    paths[oaPath][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${oaPath.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: route.consumes
                ? { [route.consumes]: { schema: { type: "string", format: "binary" } } }
                : { "application/json": { schema: toSchema(route.body) } },
            },
          }
        : {}),
      ...(route.auth === "session"
        ? { security: [{ session: [] }] }
        : route.auth === "metrics"
          ? { security: [{ metricsToken: [] }] }
          : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Obhut API", version: info.version, license: { name: "AGPL-3.0-or-later" } },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "obhut_session" },
        metricsToken: { type: "http", scheme: "bearer" },
      },
    },
    paths,
  };
}
