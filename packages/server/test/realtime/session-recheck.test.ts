// SPDX-License-Identifier: AGPL-3.0-or-later
import { WS_CLOSE } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { socketRegistry } from "../../src/app/realtime/socket";
import { DIALECTS } from "../helpers/databases";
import { fetchSend, openSocket } from "../helpers/net";
import { login, registerAccount } from "../helpers/opaque-client";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Sessions can end where no bus event reaches this node (another process
 * without Redis, e.g. the CLI). Open sockets re-check their session in the
 * database and close when it has ended.
 */
describe.each(DIALECTS)("WebSocket session re-check (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
    expect((await registerAccount(fetchSend(server.url), "recheck-me", "long enough password")).status).toBe(201);
  });
  afterAll(() => server.stop());

  it("closes the socket of a session revoked directly in the database", async () => {
    const { cookie } = await login(fetchSend(server.url), "recheck-me", "long enough password");
    const socket = await openSocket(server.url, cookie!);
    const registry = socketRegistry(server.app)!;
    expect(await registry.recheckSessions()).toBe(0);
    await server.ctx.db.db
      .updateTable("sessions")
      .set({ revoked_at: Date.now() })
      .where("revoked_at", "is", null)
      .execute();
    expect(await registry.recheckSessions()).toBe(1);
    expect(await socket.closed).toBe(WS_CLOSE.sessionRevoked);
    expect(socket.messages).toContainEqual({ type: "going_away", reason: "session_ended" });
  });

  it("closes the socket of a deactivated account", async () => {
    const { cookie } = await login(fetchSend(server.url), "recheck-me", "long enough password");
    const socket = await openSocket(server.url, cookie!);
    await server.ctx.db.db
      .updateTable("accounts")
      .set({ disabled_at: Date.now() })
      .where("username", "=", "recheck-me")
      .execute();
    expect(await socketRegistry(server.app)!.recheckSessions()).toBe(1);
    expect(await socket.closed).toBe(WS_CLOSE.sessionRevoked);
  });
});
