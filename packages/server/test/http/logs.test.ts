// SPDX-License-Identifier: AGPL-3.0-or-later
import { SetupVerify } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { login, registerAccount } from "../helpers/opaque-client";
import { fetchSend } from "../helpers/net";
import { startTestServer } from "../helpers/server";

/**
 * Logs must hold no IP addresses, no content, no secrets. We run a flow with
 * recognisable values over real sockets and search the whole log output.
 */
describe("structured logs", () => {
  it("contain no IP address, password, token, cookie, record or body", async () => {
    const server = await startTestServer({ env: { OBHUT_LOG_LEVEL: "debug" } });
    try {
      const send = fetchSend(server.url);
      const password = "Pferdestärke-Batterie-Heftklammer";
      const captured: string[] = [];
      const capturing: typeof send = async (m, p, b, h) => {
        if (b !== undefined) captured.push(JSON.stringify(b));
        return send(m, p, b, h);
      };
      expect((await registerAccount(capturing, "log-watcher", password)).status).toBe(201);
      const { cookie } = await login(capturing, "log-watcher", password);
      // Raw: a query string the route does not take, and a body that is not JSON, to see neither is logged.
      await api(fetchSend(server.url, () => cookie)).callRaw("GET", "/api/auth/session?secret=querystring-value");
      const client = api(send);
      await client.call(SetupVerify, { body: { token: "T".repeat(40) } });
      await client.callRaw("POST", "/api/auth/login/start", "garbage-body-content" as unknown as object);
      await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong-token-value-123" } });
      const text = server.logText();
      expect(text.length).toBeGreaterThan(0);
      expect(server.logs.some((l) => l.msg === "request")).toBe(true);
      for (const forbidden of [
        "127.0.0.1",
        "::1",
        "::ffff",
        "remoteAddress",
        "remotePort",
        password,
        "querystring-value",
        "T".repeat(40),
        "garbage-body-content",
        "wrong-token-value-123",
        cookie!.split("=")[1]!,
        server.setupToken!,
      ]) {
        expect(text, `log contains ${forbidden}`).not.toContain(forbidden);
      }
      for (const body of captured) {
        for (const value of Object.values(JSON.parse(body) as Record<string, unknown>)) {
          if (typeof value === "string" && value.length > 12) expect(text).not.toContain(value);
        }
      }
    } finally {
      await server.stop();
    }
  });
});
