// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../src/app/http/app";
import { startTestServer, type TestServer } from "../helpers/server";

describe("rate limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("answers 429 with Retry-After once the authentication budget is spent", async () => {
    const body = JSON.stringify({ token: "x".repeat(30) });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof server.app.inject>> | undefined;
    for (let i = 0; i <= RATE_LIMITS.setup; i++) {
      last = await server.app.inject({
        method: "POST",
        url: "/api/setup/verify",
        payload: body,
        headers: { "content-type": "application/json" },
      });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, RATE_LIMITS.setup).every((s) => s === 403)).toBe(true);
    expect(last!.statusCode).toBe(429);
    expect(Number(last!.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(last!.body)).toMatchObject({ error: { code: "rate_limited" } });
    expect(last!.headers["content-security-policy"]).toBeDefined();
  });

  it("keeps classes separate: an exhausted auth budget does not block health checks", async () => {
    const res = await server.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
  });

  it("is stricter for authentication than for the API", () => {
    expect(RATE_LIMITS.auth).toBeLessThan(RATE_LIMITS.api);
    expect(RATE_LIMITS.setup).toBeLessThan(RATE_LIMITS.api);
  });
});
