// SPDX-License-Identifier: AGPL-3.0-or-later
import { allRoutes, OpenCase, GetAgency, ListTopics } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { api, fillPath, queryString } from "./api";
import type { Send } from "./opaque-client";

describe("typed test client", () => {
  it("fills each placeholder, URI-encoded", () => {
    expect(fillPath("/api/cases/:caseId", { caseId: "case-1" })).toBe("/api/cases/case-1");
    expect(fillPath("/api/a/:x/b/:y", { x: "1", y: "2" })).toBe("/api/a/1/b/2");
    expect(fillPath("/api/a/:x", { x: "a b/c?d" })).toBe("/api/a/a%20b%2Fc%3Fd");
    expect(fillPath("/api/cases")).toBe("/api/cases");
  });

  it("refuses missing and unknown path parameters", () => {
    expect(() => fillPath("/api/a/:x/b/:y", { x: "1" })).toThrow("missing path parameter y");
    expect(() => fillPath("/api/a/:x", { x: "1", z: "2" })).toThrow("unknown path parameter z");
    expect(() => fillPath("/api/a", { z: "2" })).toThrow("unknown path parameter z");
  });

  it("fills every route of the API from its own parameter names", () => {
    for (const route of allRoutes) {
      const names = [...route.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
      expect(names.sort(), route.path).toEqual(Object.keys(route.params?.shape ?? {}).sort());
      const filled = fillPath(route.path, Object.fromEntries(names.map((n) => [n, `v-${n}`])));
      expect(filled, route.path).not.toContain(":");
    }
  });

  it("writes query strings without undefined values", () => {
    expect(queryString({})).toBe("");
    expect(queryString({ a: "1", b: undefined, c: 2 })).toBe("?a=1&c=2");
    expect(queryString({ q: "a b&c" })).toBe("?q=a+b%26c");
    expect(queryString({ k: ["x", "y"] })).toBe("?k=x&k=y");
  });

  it("sends the route's method, filled path and query, body and headers through Send", async () => {
    const sent: unknown[][] = [];
    const send: Send = async (...args) => {
      sent.push(args);
      return { status: 200, body: { ok: true }, headers: {} };
    };
    const client = api(send);
    await client.call(GetAgency, { params: { agencyId: "agy-1" }, query: { counsellorId: "acc-2" } });
    await client.call(ListTopics);
    const body = { caseId: "c" } as never;
    await client.call(OpenCase, { body, headers: { origin: "http://x" } });
    expect(sent).toEqual([
      ["GET", "/api/finder/agencies/agy-1?counsellorId=acc-2", undefined, undefined],
      ["GET", "/api/finder/topics", undefined, undefined],
      ["POST", "/api/cases", body, { origin: "http://x" }],
    ]);
  });

  it("refuses a route object the server does not register", async () => {
    const client = api(async () => ({ status: 200, body: undefined, headers: {} }));
    await expect(client.call({ ...ListTopics })).rejects.toThrow("not in allRoutes");
  });
});
