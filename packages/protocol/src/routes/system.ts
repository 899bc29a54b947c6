// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { defineRoute } from "../route";

// machine-only: for load balancers and monitoring, not a person
export const Health = defineRoute({
  method: "GET",
  path: "/healthz",
  summary: "Liveness: the process is up and serving requests",
  tag: "system",
  auth: "none",
  rate: "public",
  responses: { 200: z.object({ status: z.literal("ok") }).strict() },
});

export const ReadyChecks = z
  .object({
    database: z.enum(["ok", "failing"]),
    redis: z.enum(["ok", "failing", "not_configured"]),
  })
  .strict();

export const Ready = defineRoute({
  method: "GET",
  path: "/readyz",
  summary: "Readiness: database and (if configured) Redis are reachable",
  tag: "system",
  auth: "none",
  rate: "public",
  responses: {
    200: z.object({ status: z.literal("ready"), checks: ReadyChecks }).strict(),
    503: z.object({ status: z.literal("not_ready"), checks: ReadyChecks }).strict(),
  },
});

// machine-only: Prometheus scrapes it
export const Metrics = defineRoute({
  method: "GET",
  path: "/metrics",
  summary: "Prometheus metrics (bearer token or separate bind address)",
  tag: "system",
  auth: "metrics",
  rate: "public",
  produces: "text/plain",
  responses: { 200: z.string() },
});

export const VersionInfo = z
  .object({
    name: z.literal("obhut"),
    version: z.string(),
    protocol: z.number().int(),
  })
  .strict();

export const Version = defineRoute({
  method: "GET",
  path: "/api/version",
  summary: "Server version and protocol version",
  tag: "system",
  auth: "none",
  rate: "public",
  responses: { 200: VersionInfo },
});

// machine-only: the API description for tools
export const OpenApi = defineRoute({
  method: "GET",
  path: "/api/openapi.json",
  summary: "This API's OpenAPI 3.1 document, generated from the zod schemas",
  tag: "system",
  auth: "none",
  rate: "public",
  responses: { 200: z.record(z.string(), z.unknown()) },
});
