// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetOrganisationPolicy,
  ListSessions,
  Logout,
  RememberDevice,
  RevokeOtherSessions,
  RevokeSession,
  UnlockWithDevice,
  UpdateOrganisationPolicy,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerHousekeeping } from "../../src/app/housekeeping";
import { createScheduler } from "../../src/infra/jobs/scheduler";
import { seedOrg, type SeededOrg } from "../admin/support";
import { seedAgency, seedCaseRow } from "../cases/support";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { rid, seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A device wrap as the browser sends it (63 bytes); the server never opens it. */
const wrapOf = (fill: number) => Buffer.alloc(63, fill).toString("base64url");

/**
 * A client's own device (issue #15, item 4; ADR 0027): the wrap belongs to one
 * login, which then runs on the organisation's kept-device idle limit; logout,
 * session end and that limit delete it.
 */
describe.each(DIALECTS)("kept client devices (%s)", (dialect) => {
  let server: TestServer;
  let orgA: SeededOrg;
  let orgB: SeededOrg;
  const clock = manualClock();
  const as = (a: { cookie: string }) => apiAs(server, a);
  const db = () => server.ctx.db.db;
  const client = () => seedAccount(db(), { orgId: null, role: "client", now: clock.now() });
  const devices = (accountId: string) =>
    db().selectFrom("device_keys").select(["id", "session_id"]).where("account_id", "=", accountId).execute();
  const keep = async (who: { cookie: string }, fill = 1) => {
    const deviceId = rid("dev");
    const res = await as(who).call(RememberDevice, { body: { deviceId, wrap: wrapOf(fill) } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return deviceId;
  };
  const setLimit = async (org: SeededOrg, minutes: number) => {
    const admin = await seedAccount(db(), { orgId: org.orgId, role: "org_admin", now: clock.now() });
    return as(admin).call(UpdateOrganisationPolicy, {
      params: { orgId: org.orgId },
      body: {
        roles: [{ role: "counsellor", idleMinutes: 60, absoluteMinutes: 600, mfaRequired: false }],
        client: { keptDeviceIdleMinutes: minutes },
      },
    });
  };
  const caseWith = async (org: SeededOrg, who: SeededAccount) => {
    const { agencyId, topicId } = await seedAgency(db(), { orgId: org.orgId, teamId: org.teamId });
    await seedCaseRow(db(), { orgId: org.orgId, teamId: org.teamId, agencyId, topicId, client: who, staffIds: [] });
  };
  const housekeeping = async () => {
    const scheduler = createScheduler({ db: db(), nodeId: `kept-${rid("n")}`, clock });
    registerHousekeeping(scheduler, server.ctx);
    await scheduler.tick();
    await scheduler.stop();
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    orgA = await seedOrg(db(), clock.now());
    orgB = await seedOrg(db(), clock.now());
  });
  afterAll(async () => server?.stop());

  it("a client may keep a device: that login outlasts the 30-minute shared-device limit and unlocks after a reload", async () => {
    const kept = await client();
    const shared = await client();
    const deviceId = await keep(kept);
    clock.advance(2 * HOUR);
    // Without a kept device the client's login ends after 30 idle minutes, as before.
    expect((await as(shared).call(ListSessions)).status).toBe(401);
    const unlock = await as(kept).call(UnlockWithDevice, { params: { deviceId } });
    expect(unlock.status, JSON.stringify(unlock.body)).toBe(200);
    expect((unlock.body as { wrap: string }).wrap).toBe(wrapOf(1));
    expect(await devices(kept.id)).toEqual([{ id: deviceId, session_id: kept.sessionId }]);
    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("actor_id", "=", kept.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["device.remembered"]);
    expect(JSON.parse(audit[0]!.data!)).toEqual({ deviceId, idleMinutes: 720 });
  });

  it("after 12 idle hours (the default) the login and its kept device are over; housekeeping deletes the wrap", async () => {
    const who = await client();
    const deviceId = await keep(who);
    clock.advance(9 * HOUR);
    expect((await as(who).call(UnlockWithDevice, { params: { deviceId } })).status).toBe(200);
    // The seeded login ends 10 hours after it began, however busy (the absolute limit).
    clock.advance(2 * HOUR);
    const late = await as(who).call(UnlockWithDevice, { params: { deviceId } });
    expect(late.status).toBe(401);
    expect(errorOf(late).code).toBe("session_expired");
    await housekeeping();
    expect(await devices(who.id)).toEqual([]);
  });

  it("the strictest organisation of the client's cases sets the limit; the session idles out with it", async () => {
    expect((await setLimit(orgA, 90)).status).toBe(200);
    expect((await setLimit(orgB, 45)).status).toBe(200);
    const who = await client();
    await caseWith(orgA, who);
    await caseWith(orgB, who);
    const deviceId = await keep(who);
    const row = await db().selectFrom("sessions").select("idle_ms").where("id", "=", who.sessionId).executeTakeFirst();
    expect(Number(row?.idle_ms)).toBe(45 * MIN);
    clock.advance(44 * MIN);
    expect((await as(who).call(UnlockWithDevice, { params: { deviceId } })).status).toBe(200);
    clock.advance(46 * MIN);
    expect((await as(who).call(UnlockWithDevice, { params: { deviceId } })).status).toBe(401);
    await housekeeping();
    expect(await devices(who.id)).toEqual([]);
    // A client without any case gets the default.
    const newcomer = await client();
    await keep(newcomer);
    const fresh = await db()
      .selectFrom("sessions")
      .select("idle_ms")
      .where("id", "=", newcomer.sessionId)
      .executeTakeFirst();
    expect(Number(fresh?.idle_ms)).toBe(720 * MIN);
  });

  it("a limit shortened later applies at the next unlock: refused after that long without a request, the wrap deleted, audited", async () => {
    const org = await seedOrg(db(), clock.now());
    const who = await client();
    await caseWith(org, who);
    const deviceId = await keep(who);
    clock.advance(25 * MIN);
    // No request for 25 minutes; meanwhile the organisation shortens the limit to 20.
    expect((await setLimit(org, 20)).status).toBe(200);
    const refused = await as(who).call(UnlockWithDevice, { params: { deviceId } });
    expect(refused.status).toBe(404);
    expect(errorOf(refused).code).toBe("not_found");
    expect(await devices(who.id)).toEqual([]);
    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("actor_id", "=", who.id)
      .where("action", "=", "device.expired")
      .execute();
    expect(audit.map((a) => JSON.parse(a.data!) as unknown)).toEqual([{ deviceId, reason: "idle" }]);
  });

  it("idle counts from the login's last request, not from the last unlock: working without reloading keeps the device", async () => {
    const org = await seedOrg(db(), clock.now());
    expect((await setLimit(org, 90)).status).toBe(200);
    const who = await client();
    await caseWith(org, who);
    const deviceId = await keep(who);
    // An hour of use without a reload, a request every 15 minutes; meanwhile the limit becomes 20 minutes.
    for (let i = 0; i < 4; i++) {
      clock.advance(15 * MIN);
      expect((await as(who).call(ListSessions)).status).toBe(200);
    }
    expect((await setLimit(org, 20)).status).toBe(200);
    // 75 minutes after the device was kept (and last unlocked), but 15 after the last request: still open.
    clock.advance(15 * MIN);
    const reload = await as(who).call(UnlockWithDevice, { params: { deviceId } });
    expect(reload.status, JSON.stringify(reload.body)).toBe(200);
    // 21 minutes without any request are past the limit: the next reload asks for the password.
    clock.advance(21 * MIN);
    const late = await as(who).call(UnlockWithDevice, { params: { deviceId } });
    expect(late.status).toBe(401);
    expect(errorOf(late).code).toBe("session_expired");
  });

  it("logout, ending other logins and ending one login delete the kept devices of those logins", async () => {
    const who = await client();
    const second = { cookie: "", sessionId: "" };
    Object.assign(second, await seedSession(db(), who.id, clock.now()));
    const third = await seedSession(db(), who.id, clock.now());
    const here = await keep(who, 2);
    const there = await keep(second, 3);
    const elsewhere = await keep(third, 4);
    expect(await devices(who.id)).toHaveLength(3);

    // A device kept in one login does not open in another: it is deleted instead.
    expect((await as(second).call(UnlockWithDevice, { params: { deviceId: elsewhere } })).status).toBe(404);
    expect((await devices(who.id)).map((d) => d.id).sort()).toEqual([here, there].sort());

    expect((await as(who).call(RevokeSession, { params: { sessionId: second.sessionId } })).status).toBe(204);
    expect((await devices(who.id)).map((d) => d.id)).toEqual([here]);

    const again = await seedSession(db(), who.id, clock.now());
    await keep(again, 5);
    const ended = await as(who).call(RevokeOtherSessions);
    expect(ended.status).toBe(200);
    expect((await devices(who.id)).map((d) => d.id)).toEqual([here]);

    expect((await as(who).call(Logout)).status).toBeLessThan(300);
    expect(await devices(who.id)).toEqual([]);
  });

  it("admins set the limit within 15 minutes and 12 hours; it is shown and audited", async () => {
    const org = await seedOrg(db(), clock.now());
    const admin = await seedAccount(db(), { orgId: org.orgId, role: "org_admin", now: clock.now() });
    const read = await as(admin).call(GetOrganisationPolicy, { params: { orgId: org.orgId } });
    expect(read.status).toBe(200);
    expect((read.body as { client: { keptDeviceIdleMinutes: number } }).client.keptDeviceIdleMinutes).toBe(720);
    for (const minutes of [14, 721, 30.5]) {
      const res = await as(admin).callRaw("PUT", `/api/organisations/${org.orgId}/policy`, {
        roles: [{ role: "counsellor", idleMinutes: 60, absoluteMinutes: 600, mfaRequired: false }],
        client: { keptDeviceIdleMinutes: minutes },
      });
      expect(res.status, String(minutes)).toBe(400);
    }
    const put = await setLimit(org, 120);
    expect(put.status).toBe(200);
    expect((put.body as { client: { keptDeviceIdleMinutes: number } }).client.keptDeviceIdleMinutes).toBe(120);
    const audit = await db()
      .selectFrom("audit_events")
      .select("data")
      .where("organisation_id", "=", org.orgId)
      .where("action", "=", "organisation.policy_updated")
      .execute();
    expect(audit.map((a) => JSON.parse(a.data!) as unknown)).toContainEqual({
      role: "client",
      keptDeviceIdleMinutes: 120,
    });
  });
});
