// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  DeactivateAccount,
  ListSessions,
  RevokeAccountSessions,
  RevokeOtherSessions,
  RevokeSession,
  UpdateOrganisationPolicy,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount, type SeededAccount, seedSession } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { openSocket } from "../helpers/net";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, seedOrg } from "./support";

const MIN = 60_000;

describe.each(DIALECTS)("sessions, revocation and deactivation (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let org: SeededOrg;
  let admin: SeededAccount;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    org = await seedOrg(server.ctx.db.db, clock.now());
    admin = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
  });
  afterAll(async () => server?.stop());

  it("lists one's own sessions (times only) and revokes one or all others; other people's sessions are not found", async () => {
    const me = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "counsellor", now: clock.now() });
    const second = await seedSession(server.ctx.db.db, me.id, clock.now());
    const third = await seedSession(server.ctx.db.db, me.id, clock.now());
    const send = apiAs(server, me);
    const list = await send.call(ListSessions);
    const sessions = (list.body as { sessions: { id: string; current: boolean }[] }).sessions;
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current).map((s) => s.id)).toEqual([me.sessionId]);
    expect(Object.keys(sessions[0]!).sort()).toEqual([
      "createdAt",
      "current",
      "expiresAt",
      "id",
      "lastSeenAt",
      "mfaPending",
    ]);

    expect((await send.call(RevokeSession, { params: { sessionId: admin.sessionId } })).status).toBe(404);
    expect((await apiAs(server, admin).call(ListSessions)).status).toBe(200);

    expect((await send.call(RevokeSession, { params: { sessionId: second.sessionId } })).status).toBe(204);
    const gone = await apiAs(server, second).call(ListSessions);
    expect(gone.status).toBe(401);
    expect(errorOf(gone).code).toBe("session_expired");

    const others = await send.call(RevokeOtherSessions);
    expect(others.body).toEqual({ endedSessions: 1 });
    expect((await apiAs(server, third).call(ListSessions)).status).toBe(401);
    expect((await send.call(ListSessions)).status).toBe(200);

    // Ending the current session clears the cookie.
    const self = await send.call(RevokeSession, { params: { sessionId: me.sessionId } });
    expect(self.status).toBe(204);
    expect(String(self.headers["set-cookie"])).toMatch(/Max-Age=0/);
    expect((await send.call(ListSessions)).status).toBe(401);
  });

  it("closes the WebSocket of a session revoked by its owner", async () => {
    const me = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "counsellor", now: clock.now() });
    const laptop = await seedSession(server.ctx.db.db, me.id, clock.now());
    const socket = await openSocket(server.url, laptop.cookie);
    expect((await apiAs(server, me).call(RevokeSession, { params: { sessionId: laptop.sessionId } })).status).toBe(204);
    expect(await socket.closed).toBe(4403);
  });

  it("lets an admin end all sessions of a staff member, closing their WebSockets; audited", async () => {
    const member = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "counsellor", now: clock.now() });
    const phone = await seedSession(server.ctx.db.db, member.id, clock.now());
    const sockets = await Promise.all([openSocket(server.url, member.cookie), openSocket(server.url, phone.cookie)]);
    const res = await apiAs(server, admin).call(RevokeAccountSessions, {
      params: { orgId: org.orgId, accountId: member.id },
    });
    expect(res.body).toEqual({ endedSessions: 2 });
    expect(await Promise.all(sockets.map((s) => s.closed))).toEqual([4403, 4403]);
    expect((await apiAs(server, member).call(ListSessions)).status).toBe(401);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "account.sessions_revoked")
      .where("target_id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.id);
    // Admins use revoke-others for themselves.
    expect(
      (await apiAs(server, admin).call(RevokeAccountSessions, { params: { orgId: org.orgId, accountId: admin.id } }))
        .status,
    ).toBe(403);
  });

  it("deactivates a staff member: socket closed, no requests, no login, teams left, audited; not oneself", async () => {
    const member = await seedAccount(server.ctx.db.db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "lead" },
      now: clock.now(),
    });
    const socket = await openSocket(server.url, member.cookie);
    const res = await apiAs(server, admin).call(DeactivateAccount, {
      params: { orgId: org.orgId, accountId: member.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as { account: { disabledAt: number | null; teams: unknown[] }; endedSessions: number };
    expect(body.endedSessions).toBe(1);
    expect(body.account.disabledAt).toBe(clock.now());
    expect(body.account.teams).toEqual([]);
    expect(await socket.closed).toBe(4403);
    expect((await apiAs(server, member).call(ListSessions)).status).toBe(401);
    // Even a session that slipped through (e.g. written after) is refused for a disabled account.
    const late = await seedSession(server.ctx.db.db, member.id, clock.now());
    expect((await apiAs(server, late).call(ListSessions)).status).toBe(401);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "account.deactivated")
      .where("target_id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toMatchObject({ teamsLeft: 1, sessionsEnded: 1, via: "api" });
    expect(
      (await apiAs(server, admin).call(DeactivateAccount, { params: { orgId: org.orgId, accountId: admin.id } }))
        .status,
    ).toBe(403);
  });

  it("applies idle and absolute timeouts per role from the organisation policy", async () => {
    const db = server.ctx.db.db;
    const staff = await seedAccount(db, { orgId: org.orgId, role: "counsellor", now: clock.now() });
    const client = await seedAccount(db, { orgId: null, role: "client", now: clock.now() });
    clock.advance(31 * MIN);
    // Defaults: clients idle out after 30 minutes, staff after 60.
    expect((await apiAs(server, client).call(ListSessions)).status).toBe(401);
    expect((await apiAs(server, staff).call(ListSessions)).status).toBe(200);

    const freshAdmin = await seedAccount(db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
    admin = freshAdmin;
    const put = await apiAs(server, admin).call(UpdateOrganisationPolicy, {
      params: { orgId: org.orgId },
      body: {
        roles: [{ role: "counsellor", idleMinutes: 15, absoluteMinutes: 120, mfaRequired: true }],
      },
    });
    expect(put.status).toBe(200);
    clock.advance(16 * MIN);
    // The new idle limit applies to the already open session.
    expect((await apiAs(server, staff).call(ListSessions)).status).toBe(401);

    const busy = await seedSession(db, staff.id, clock.now());
    for (let i = 0; i < 8; i++) {
      clock.advance(14 * MIN);
      expect((await apiAs(server, busy).call(ListSessions)).status, `after ${(i + 1) * 14} min`).toBe(200);
    }
    clock.advance(14 * MIN);
    // 126 minutes after login: past the absolute limit of two hours even though never idle.
    expect((await apiAs(server, busy).call(ListSessions)).status).toBe(401);

    admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
    const invalid = await apiAs(server, admin).call(UpdateOrganisationPolicy, {
      params: { orgId: org.orgId },
      body: {
        roles: [{ role: "counsellor", idleMinutes: 200, absoluteMinutes: 120, mfaRequired: true }],
      },
    });
    expect(invalid.status).toBe(400);
  });
});
