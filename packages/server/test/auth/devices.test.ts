// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  DeactivateAccount,
  DEVICE_KEY_IDLE_MS,
  type DeviceView,
  ForgetDevice,
  type KeyBundle,
  ListDevices,
  MAX_DEVICES_PER_ACCOUNT,
  RememberDevice,
  UnlockWithDevice,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduler } from "../../src/infra/jobs/scheduler";
import { registerHousekeeping } from "../../src/app/housekeeping";
import { rid, seedAccount } from "../helpers/factories";
import { seedOrg, type SeededOrg } from "../admin/support";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/** A device wrap as the browser sends it: 63 bytes (docs/CRYPTO.md §5a). The server never opens it. */
const wrapOf = (fill: number) => Buffer.alloc(63, fill).toString("base64url");

/** Staff opt-in device keys (issue 3, item 10): storage, revocation and every refusal. */
describe.each(DIALECTS)("remembered devices (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  const clock = manualClock();
  const as = (a: { cookie: string }) => apiAs(server, a);
  const db = () => server.ctx.db.db;
  const staff = () => seedAccount(db(), { orgId: org.orgId, role: "counsellor", now: clock.now() });
  const rows = (accountId: string) =>
    db().selectFrom("device_keys").selectAll().where("account_id", "=", accountId).execute();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    org = await seedOrg(db(), clock.now());
  });
  afterAll(async () => server?.stop());

  it("keeps the wrap for the account, lists it with times only and hands it out with the key bundle", async () => {
    const anna = await staff();
    const deviceId = rid("dev");
    const created = await as(anna).call(RememberDevice, { body: { deviceId, wrap: wrapOf(1) } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((created.body as { device: DeviceView }).device).toEqual({
      id: deviceId,
      createdAt: clock.now(),
      lastUsedAt: clock.now(),
    });

    clock.advance(60_000);
    const unlock = await as(anna).call(UnlockWithDevice, { params: { deviceId } });
    expect(unlock.status, JSON.stringify(unlock.body)).toBe(200);
    const body = unlock.body as { account: { id: string }; keyBundle: KeyBundle; wrap: string };
    expect(body.wrap).toBe(wrapOf(1));
    expect(body.account.id).toBe(anna.id);
    expect(body.keyBundle.version).toBe(1);

    const list = await as(anna).call(ListDevices);
    expect(list.status).toBe(200);
    expect((list.body as { devices: DeviceView[] }).devices).toEqual([
      { id: deviceId, createdAt: clock.now() - 60_000, lastUsedAt: clock.now() },
    ]);
    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("actor_id", "=", anna.id)
      .where("action", "like", "device.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["device.remembered"]);
  });

  it("a client's device is tied to its login (ADR 0027); a staff device is not", async () => {
    const client = await seedAccount(db(), { orgId: null, role: "client", now: clock.now() });
    const deviceId = rid("dev");
    const res = await as(client).call(RememberDevice, { body: { deviceId, wrap: wrapOf(2) } });
    expect(res.status).toBe(201);
    expect((await rows(client.id)).map((r) => r.session_id)).toEqual([client.sessionId]);
    const anna = await staff();
    await as(anna).call(RememberDevice, { body: { deviceId: rid("dev"), wrap: wrapOf(2) } });
    expect((await rows(anna.id)).map((r) => r.session_id)).toEqual([null]);
  });

  it("validates the wrap and the id, refuses a taken id and more than the limit", async () => {
    const bert = await staff();
    const send = as(bert);
    for (const body of [
      { deviceId: rid("dev"), wrap: Buffer.alloc(62).toString("base64url") },
      { deviceId: rid("dev"), wrap: wrapOf(3) + "A" },
      { deviceId: "../../etc", wrap: wrapOf(3) },
      { deviceId: rid("dev"), wrap: wrapOf(3), extra: 1 },
      { deviceId: rid("dev") },
    ]) {
      const res = await send.callRaw("POST", "/api/account/devices", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).code).toBe("invalid_body");
    }
    const taken = rid("dev");
    expect((await send.call(RememberDevice, { body: { deviceId: taken, wrap: wrapOf(3) } })).status).toBe(201);
    // The same id, even from another account, is a conflict and the stored wrap stays as it was.
    const other = await staff();
    const again = await as(other).call(RememberDevice, { body: { deviceId: taken, wrap: wrapOf(4) } });
    expect(again.status).toBe(409);
    expect((await rows(bert.id)).map((r) => r.wrap)).toEqual([wrapOf(3)]);

    for (let i = 1; i < MAX_DEVICES_PER_ACCOUNT; i++)
      expect((await send.call(RememberDevice, { body: { deviceId: rid("dev"), wrap: wrapOf(5) } })).status).toBe(201);
    const over = await send.call(RememberDevice, { body: { deviceId: rid("dev"), wrap: wrapOf(5) } });
    expect(over.status).toBe(409);
    expect(errorOf(over).code).toBe("conflict");
    expect(await rows(bert.id)).toHaveLength(MAX_DEVICES_PER_ACCOUNT);
  });

  it("another account can neither unlock nor forget someone's device; without a session nothing answers", async () => {
    const anna = await staff();
    const mallory = await staff();
    const deviceId = rid("dev");
    expect((await as(anna).call(RememberDevice, { body: { deviceId, wrap: wrapOf(6) } })).status).toBe(201);
    expect((await as(mallory).call(UnlockWithDevice, { params: { deviceId } })).status).toBe(404);
    expect((await as(mallory).call(ForgetDevice, { params: { deviceId } })).status).toBe(204);
    expect(await rows(anna.id)).toHaveLength(1);
    expect((await as(mallory).call(ListDevices)).body).toEqual({ devices: [] });
    expect((await apiAs(server).call(UnlockWithDevice, { params: { deviceId } })).status).toBe(401);
  });

  it("forgetting is idempotent, audited once, and the browser then needs the password", async () => {
    const anna = await staff();
    const deviceId = rid("dev");
    await as(anna).call(RememberDevice, { body: { deviceId, wrap: wrapOf(7) } });
    expect((await as(anna).call(ForgetDevice, { params: { deviceId } })).status).toBe(204);
    expect((await as(anna).call(ForgetDevice, { params: { deviceId } })).status).toBe(204);
    const unlock = await as(anna).call(UnlockWithDevice, { params: { deviceId } });
    expect(unlock.status).toBe(404);
    expect(errorOf(unlock).code).toBe("not_found");
    const audit = await db()
      .selectFrom("audit_events")
      .select("action")
      .where("actor_id", "=", anna.id)
      .where("action", "like", "device.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["device.remembered", "device.forgotten"]);
  });

  it("offboarding removes every remembered device of the account", async () => {
    const admin = await seedAccount(db(), { orgId: org.orgId, role: "org_admin", now: clock.now() });
    const leaver = await staff();
    for (const fill of [8, 9])
      await as(leaver).call(RememberDevice, { body: { deviceId: rid("dev"), wrap: wrapOf(fill) } });
    expect(await rows(leaver.id)).toHaveLength(2);
    const res = await as(admin).call(DeactivateAccount, { params: { orgId: org.orgId, accountId: leaver.id } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await rows(leaver.id)).toEqual([]);
  });

  it("the hourly housekeeping forgets devices unused for 30 days and keeps the others", async () => {
    const idle = await staff();
    const idleId = rid("dev");
    expect((await as(idle).call(RememberDevice, { body: { deviceId: idleId, wrap: wrapOf(10) } })).status).toBe(201);
    clock.advance(DEVICE_KEY_IDLE_MS - 3_600_000);
    const busy = await staff();
    const busyId = rid("dev");
    expect((await as(busy).call(RememberDevice, { body: { deviceId: busyId, wrap: wrapOf(11) } })).status).toBe(201);
    clock.advance(2 * 3_600_000);
    const scheduler = createScheduler({ db: db(), nodeId: "devices-test", clock });
    registerHousekeeping(scheduler, server.ctx);
    await scheduler.tick();
    await scheduler.stop();
    const run = await db()
      .selectFrom("job_runs")
      .selectAll()
      .where("job", "=", "housekeeping")
      .orderBy("started_at", "desc")
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("succeeded");
    expect((JSON.parse(run.result!) as { idleDevices: number }).idleDevices).toBeGreaterThanOrEqual(1);
    expect(await rows(idle.id)).toEqual([]);
    expect((await rows(busy.id)).map((r) => r.id)).toEqual([busyId]);
  });
});
