// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineRoute } from "@obhut/protocol";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppContext } from "../../src/core/context";
import { createErrorHandler } from "../../src/app/http/errors";
import { registerRoute } from "../../src/app/http/register-route";
import { createLogger } from "../../src/infra/logger";

/**
 * A validator that throws on hostile input (`new URL`, `BigInt`, `JSON.parse`
 * inside a refinement) is a bug in a schema, but the input is still the
 * client's: it must come back as the usual 400 with a stable code, never 500.
 */
const throwing = z.string().refine((s) => {
  if (s.startsWith("boom")) throw new TypeError("Invalid URL");
  return true;
});

const route = defineRoute({
  method: "POST",
  path: "/t/:id",
  summary: "test",
  tag: "test",
  auth: "none",
  rate: "api",
  params: z.object({ id: throwing }).strict(),
  query: z.object({ q: throwing.optional() }).strict(),
  body: z.object({ issuer: throwing }).strict(),
  responses: { 200: z.object({ ok: z.literal(true) }).strict() },
});

describe("register-route validation", () => {
  let app: FastifyInstance;
  const logged: string[] = [];
  beforeAll(async () => {
    app = Fastify();
    const logger = createLogger("info", { write: (line: string) => void logged.push(line) });
    app.setErrorHandler(createErrorHandler(logger));
    registerRoute(app, { logger } as unknown as AppContext, route, async () => ({ status: 200, body: { ok: true } }));
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (url: string, body: unknown) =>
    app.inject({ method: "POST", url, payload: JSON.stringify(body), headers: { "content-type": "application/json" } });

  it("accepts input the validators pass", async () => {
    const res = await post("/t/fine", { issuer: "fine" });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ["body", "/t/fine", { issuer: "boom://x" }, "invalid_body"],
    ["query", "/t/fine?q=boom", { issuer: "fine" }, "invalid_query"],
    ["params", "/t/boom", { issuer: "fine" }, "invalid_params"],
  ])("turns a validator that throws on the %s into 400 with the validation code", async (_w, url, body, code) => {
    const res = await post(url, body);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code } });
    // The value is the client's; neither the answer nor the log repeats it.
    expect(res.body).not.toContain("boom");
    expect(logged.join("")).not.toContain("boom");
    expect(logged.join("")).toContain("validator threw");
  });
});
