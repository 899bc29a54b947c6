// SPDX-License-Identifier: AGPL-3.0-or-later
import { WS_CLOSE } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { socketRegistry } from "../../src/app/realtime/socket";
import { DIALECTS } from "../helpers/databases";
import { seedAccount, seedTeamConversation } from "../helpers/factories";
import { fetchSend, openSocket } from "../helpers/net";
import { login, registerAccount } from "../helpers/opaque-client";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { fakeEnvelope, MsgClient, seedOrganisation } from "../messaging/support";

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

/**
 * The idle rule holds on the socket: silence past the organisation's idle
 * limit closes it, and a message sent over it is activity that keeps the
 * session (issue #16: a counsellor who only writes is not logged out as idle).
 */
describe.each(DIALECTS)("WebSocket sessions and the idle limit (%s)", (dialect) => {
  const clock = manualClock(Date.now());
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
  });
  afterAll(() => server.stop());

  const sessionAnswer = async (cookie: string) =>
    server.app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });

  it("a sent message moves the idle end; silence past it closes the socket", async () => {
    const db = server.ctx.db.db;
    const org = await seedOrganisation(db, clock.now());
    const writer = await seedAccount(db, { orgId: org, now: clock.now() });
    const reader = await seedAccount(db, { orgId: org, now: clock.now() });
    const conversation = await seedTeamConversation(db, org, [writer, reader]);
    const first = await sessionAnswer(writer.cookie);
    expect(first.statusCode).toBe(200);
    const { idleMs } = first.json<{ idleMs: number }>();
    const socket = await MsgClient.connect(server.url, writer.cookie);
    const registry = socketRegistry(server.app)!;

    // Just before the idle end, the counsellor sends a message over the socket (no request).
    clock.advance(idleMs - 60_000);
    const kept = await socket.send(conversation, "kept-message-1", fakeEnvelope());
    expect(kept, JSON.stringify(kept)).toMatchObject({ type: "ack" });
    const sentAt = clock.now();
    await vi.waitFor(async () => {
      const row = await db
        .selectFrom("sessions")
        .select("last_seen_at")
        .where("id", "=", writer.sessionId)
        .executeTakeFirstOrThrow();
      expect(Number(row.last_seen_at)).toBe(sentAt);
    });

    // Past the idle end the session had before the send: still open, on the socket and for requests.
    clock.advance(2 * 60_000);
    await registry.recheckSessions();
    expect(socket.closeCode).toBeUndefined();
    expect((await sessionAnswer(writer.cookie)).statusCode).toBe(200);

    // Then silence for the whole idle limit: the re-check ends the session's socket.
    clock.advance(idleMs);
    await registry.recheckSessions();
    expect(await socket.closed).toBe(WS_CLOSE.sessionRevoked);
    expect(socket.frames).toContainEqual({ type: "going_away", reason: "session_ended" });
    expect((await sessionAnswer(writer.cookie)).statusCode).toBe(401);
  });

  it("a send never revives a session that has already idled out", async () => {
    const db = server.ctx.db.db;
    const org = await seedOrganisation(db, clock.now());
    const writer = await seedAccount(db, { orgId: org, now: clock.now() });
    const reader = await seedAccount(db, { orgId: org, now: clock.now() });
    const conversation = await seedTeamConversation(db, org, [writer, reader]);
    const { idleMs } = (await sessionAnswer(writer.cookie)).json<{ idleMs: number }>();
    const socket = await MsgClient.connect(server.url, writer.cookie);

    clock.advance(idleMs + 1);
    // Sent before any re-check ran: the message may be stored, but the session is found ended and the socket closes.
    await socket.send(conversation, "late-message-1", fakeEnvelope());
    expect(await socket.closed).toBe(WS_CLOSE.sessionRevoked);
    expect((await sessionAnswer(writer.cookie)).statusCode).toBe(401);
  });
});
