// SPDX-License-Identifier: AGPL-3.0-or-later
import { allRoutes } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * The protocol package is the contract: every route it defines must be served.
 * Without this, deleting a registerRoute(...) call still passed the suite
 * wherever no other test happened to call that route (issue #12).
 */
describe("route registration", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("serves every route the protocol defines, with its method and path", () => {
    expect(allRoutes.length).toBeGreaterThan(100);
    const missing = allRoutes
      .filter((route) => !server.app.hasRoute({ method: route.method, url: route.path }))
      .map((route) => `${route.method} ${route.path}`);
    expect(missing).toEqual([]);
  });

  it("would notice a route that is not registered", () => {
    expect(server.app.hasRoute({ method: "GET", url: "/api/no-such-route-for-the-check" })).toBe(false);
    expect(server.app.hasRoute({ method: "DELETE", url: "/api/auth/session" })).toBe(false);
  });
});
