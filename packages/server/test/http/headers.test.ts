// SPDX-License-Identifier: AGPL-3.0-or-later
import { Health, Metrics, OpenApi, Ready, Version } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../helpers/api";
import { startTestServer, type TestServer } from "../helpers/server";

function expectSecurityHeaders(headers: Record<string, unknown>) {
  const csp = String(headers["content-security-policy"]);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/https?:\/\//); // no third-party origin anywhere
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(String(headers["permissions-policy"])).toContain("camera=()");
}

describe("security headers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const routes = [
    [Health, 200],
    [Ready, 200],
    [Version, 200],
    [OpenApi, 200],
    [Metrics, 401],
  ] as const;
  it.each(routes.map(([route, status]) => [route.method, route.path, route, status] as const))(
    "%s %s carries all headers",
    async (_method, url, route, status) => {
      const res = await apiAs(server).call(route);
      expect(res.status).toBe(status);
      expectSecurityHeaders(res.headers);
      expect(res.headers["strict-transport-security"]).toBeUndefined();
      expect(res.headers["cache-control"], url).toBe("no-store");
    },
  );

  // Raw on purpose: no route, a body that is not JSON, the web app's pages and a method no route has.
  const cases: [string, string, string | undefined, number][] = [
    ["GET", "/api/does-not-exist", undefined, 404],
    ["POST", "/api/auth/login/start", "{not json", 400],
    ["GET", "/", undefined, 200],
    ["GET", "/setup", undefined, 200],
    ["DELETE", "/healthz", undefined, 405],
  ];
  it.each(cases)("%s %s carries all headers", async (method, url, payload, status) => {
    const res = await server.app.inject({
      method: method as "GET",
      url,
      ...(payload ? { payload, headers: { "content-type": "application/json" } } : {}),
    });
    expect(res.statusCode).toBe(status);
    expectSecurityHeaders(res.headers);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    if (url.startsWith("/api/") || url === "/healthz" || url === "/readyz" || url === "/metrics") {
      expect(res.headers["cache-control"]).toBe("no-store");
    }
  });

  it("serves the web app under the CSP with no inline script but the import map it pins by hash", async () => {
    const res = await server.app.inject({ method: "GET", url: "/" });
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    // Every <script> has a src, except the import map; the CSP allows exactly that one by its hash.
    const inline = (res.body.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !/\bsrc=/.test(tag));
    for (const tag of inline) expect(tag).toBe('<script type="importmap">');
    const hashes = String(res.headers["content-security-policy"]).match(/'sha256-[^']+'/g) ?? [];
    expect(hashes).toHaveLength(inline.length);
  });

  it("answers /healthz on a real socket with the headers", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expectSecurityHeaders(Object.fromEntries(res.headers));
  });
});

describe("HSTS", () => {
  it("is sent when PUBLIC_URL is https", async () => {
    const server = await startTestServer({ publicUrl: "https://obhut.example.org" });
    try {
      const res = await apiAs(server).call(Health);
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
    } finally {
      await server.stop();
    }
  });
});

describe("OpenAPI document", () => {
  it("documents every route with its request content type", async () => {
    const server = await startTestServer();
    try {
      const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      };
      expect(doc.openapi).toBe("3.1.0");
      const { allRoutes } = await import("@obhut/protocol");
      for (const route of allRoutes) {
        const op = doc.paths[route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")]?.[route.method.toLowerCase()];
        expect(op, `${route.method} ${route.path}`).toBeDefined();
        if (route.body) expect(Object.keys(op!.requestBody!.content)).toEqual([route.consumes ?? "application/json"]);
      }
    } finally {
      await server.stop();
    }
  });
});
