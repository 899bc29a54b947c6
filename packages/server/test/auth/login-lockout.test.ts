// SPDX-License-Identifier: AGPL-3.0-or-later
import { LoginFinish, LoginStart } from "@obhut/protocol";
import * as opaque from "@serenity-kit/opaque";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { login, registerAccount, type Send } from "../helpers/opaque-client";
import { injectSend, manualClock, startTestServer, type TestServer } from "../helpers/server";
import { createStaff, setupOrganisation } from "../keys/support";

/*
 * Issue #13, finding 3a: a stranger must not be able to lock the owner out
 * of their account by spending the name's failure budget. The HTTP limit per
 * address and minute (rate class "auth") is raised here so that these tests
 * see the per-name logic alone; it still applies unchanged in production.
 */

const PER_ADDRESS = 10;
const PER_NAME = 100;
const ALERT_AT = 20;
const WINDOW_MS = 15 * 60 * 1000;

/** A client at one address with its own cookie jar (the known-device cookie lives here). */
function device(server: TestServer): { send: Send; jar: Map<string, string> } {
  const jar = new Map<string, string>();
  const raw = injectSend(server, {
    cookie: () => (jar.size ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : undefined),
  });
  const send: Send = async (method, path, body, headers) => {
    const res = await raw(method, path, body, headers);
    const set = res.headers["set-cookie"];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return res;
  };
  return { send, jar };
}

/** A real client's login (a wrong password still sends a proof, so the server counts it): its status. */
async function tryLogin(send: Send, username: string, password: string): Promise<number> {
  return (await login(send, username, password)).status;
}

/** What an attacker sends: a guess at step 1 and a junk proof, without the client's key stretching. */
async function guess(send: Send, username: string): Promise<number> {
  await opaque.ready;
  const request = opaque.client.startLogin({ password: "a guess" }).startLoginRequest;
  const client = api(send);
  const r1 = await client.call(LoginStart, { body: { username, startLoginRequest: request } });
  if (r1.status !== 200) return r1.status;
  const { loginId } = r1.body;
  const finishLoginRequest = Buffer.alloc(64, 7).toString("base64url");
  return (await client.call(LoginFinish, { body: { loginId, finishLoginRequest } })).status;
}

async function startOnly(send: Send, username: string): Promise<number> {
  await opaque.ready;
  const request = opaque.client.startLogin({ password: "a guess" }).startLoginRequest;
  return (await api(send).call(LoginStart, { body: { username, startLoginRequest: request } })).status;
}

describe.each(DIALECTS)("per-name login budget and lockout (%s)", (dialect) => {
  let server: TestServer;
  const clock = manualClock();
  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { OBHUT_RATE_LIMITS: "auth=100000" } });
  });
  afterAll(() => server.stop());

  let n = 0;
  async function owner(): Promise<{ username: string; password: string }> {
    const username = `owner-${dialect}-${++n}`;
    const password = `the owner's password ${n}`;
    expect((await registerAccount(injectSend(server), username, password)).status).toBe(201);
    return { username, password };
  }

  /** Known devices are for staff only: a client's browser may be a shared phone. */
  let org: Promise<{ orgId: string }> | undefined;
  /** The server's one organisation (setup runs once per server). */
  const theOrganisation = () => (org ??= setupOrganisation(server));
  async function staffOwner(): Promise<{ username: string; password: string }> {
    return createStaff(server, (await theOrganisation()).orgId);
  }

  it("50 login/start calls for a name do not stop the owner's correct login", async () => {
    const { username, password } = await owner();
    // From one address: that address is refused once its budget is spent...
    const stranger = injectSend(server);
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push(await startOnly(stranger, username));
    expect(statuses.slice(0, PER_ADDRESS).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(PER_ADDRESS).every((s) => s === 429)).toBe(true);
    // ...and from several addresses, still below the per-name ceiling.
    for (let a = 0; a < 4; a++) {
      const other = injectSend(server);
      for (let i = 0; i < PER_ADDRESS; i++) expect(await startOnly(other, username)).toBe(200);
    }
    expect(await tryLogin(injectSend(server), username, password)).toBe(200);
  });

  it("10 failed proofs from address A block A but not the owner from address B", async () => {
    const { username, password } = await owner();
    const a = injectSend(server);
    for (let i = 0; i < PER_ADDRESS; i++) expect(await guess(a, username)).toBe(401);
    const blocked = await api(a).call(LoginStart, {
      body: { username, startLoginRequest: opaque.client.startLogin({ password }).startLoginRequest },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({
      error: { code: "rate_limited", message: expect.stringMatching(/this name/) },
    });
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(await tryLogin(injectSend(server), username, password)).toBe(200);
    // Address A's window passes like before.
    clock.advance(WINDOW_MS + 1);
    expect(await tryLogin(a, username, password)).toBe(200);
  });

  it("a correct login gives back its own attempt: the owner's address keeps its full budget", async () => {
    const { username, password } = await owner();
    const b = injectSend(server);
    for (let i = 0; i < PER_ADDRESS + 1; i++) expect(await tryLogin(b, username, password)).toBe(200);
    for (let i = 0; i < PER_ADDRESS - 1; i++) expect(await guess(b, username)).toBe(401);
    expect(await tryLogin(b, username, password)).toBe(200);
  });

  it("over the per-name ceiling a new device is refused, a known device's wrong proof fails and its correct proof passes", async () => {
    const { username, password } = await staffOwner();
    const phone = device(server);
    expect(await tryLogin(phone.send, username, password)).toBe(200);
    expect(phone.jar.size).toBe(2); // session + known device
    for (let a = 0; a < PER_NAME / PER_ADDRESS; a++) {
      const attacker = injectSend(server);
      for (let i = 0; i < PER_ADDRESS; i++) expect(await guess(attacker, username)).toBe(401);
    }
    // Even the right password from an unknown device now waits: it could be one more guess.
    expect(await tryLogin(injectSend(server), username, password)).toBe(429);
    // The owner's known device still gets through, and a wrong password there is an ordinary failure.
    expect(await tryLogin(phone.send, username, "typo in the password")).toBe(401);
    expect(await tryLogin(phone.send, username, password)).toBe(200);
    // The known device is bound to this name: it lifts nothing for another name.
    const other = await staffOwner();
    for (let a = 0; a < PER_NAME / PER_ADDRESS; a++) {
      const attacker = injectSend(server);
      for (let i = 0; i < PER_ADDRESS; i++) expect(await startOnly(attacker, other.username)).toBe(200);
    }
    expect(await tryLogin(phone.send, other.username, other.password)).toBe(429);
  });

  it("a known device has its own budget, so a stolen cookie is no way around the limits", async () => {
    const { username, password } = await staffOwner();
    const laptop = device(server);
    expect(await tryLogin(laptop.send, username, password)).toBe(200);
    for (let i = 0; i < PER_ADDRESS; i++) expect(await guess(laptop.send, username)).toBe(401);
    expect(await tryLogin(laptop.send, username, password)).toBe(429);
  });

  it("a forged or foreign known-device cookie is ignored", async () => {
    const { username, password } = await staffOwner();
    const real = device(server);
    expect(await tryLogin(real.send, username, password)).toBe(200);
    const [name, value] = [...real.jar].find(([k]) => !k.includes("session"))!;
    for (let a = 0; a < PER_NAME / PER_ADDRESS; a++) {
      const attacker = injectSend(server);
      for (let i = 0; i < PER_ADDRESS; i++) expect(await startOnly(attacker, username)).toBe(200);
    }
    const forged = injectSend(server, { cookie: () => `${name}=${value.slice(0, -2)}AA` });
    expect(await tryLogin(forged, username, password)).toBe(429);
  });

  it("a client's browser gets no known-device cookie: nothing of Obhut stays on a shared phone", async () => {
    const { username, password } = await owner();
    const phone = device(server);
    expect(await tryLogin(phone.send, username, password)).toBe(200);
    expect([...phone.jar.keys()].filter((k) => !k.includes("session"))).toEqual([]);
  });

  it("records the sustained-failure audit event for a staff account once per window, without any address", async () => {
    const org = await theOrganisation();
    const staff = await createStaff(server, org.orgId);
    const events = async () =>
      server.ctx.db.db
        .selectFrom("audit_events")
        .selectAll()
        .where("action", "=", "auth.login_failures_sustained")
        .where("target_id", "=", staff.id)
        .execute();
    for (let a = 0; a < (ALERT_AT * 2) / PER_ADDRESS; a++) {
      const attacker = injectSend(server);
      for (let i = 0; i < PER_ADDRESS; i++) expect(await guess(attacker, staff.username)).toBe(401);
      expect((await events()).length).toBe(a + 1 >= ALERT_AT / PER_ADDRESS ? 1 : 0);
    }
    const [event] = await events();
    expect(event).toMatchObject({ organisation_id: org.orgId, actor_id: null, target_type: "account" });
    expect(JSON.parse(event!.data)).toEqual({ failures: ALERT_AT, windowMinutes: 15 });
    expect(JSON.stringify(event)).not.toMatch(/10\.77\./);
    // The owner is not locked out, and the metric counts the alert.
    expect(await tryLogin(injectSend(server), staff.username, staff.password)).toBe(200);
    const metrics = await server.ctx.metrics.registry.getSingleMetricAsString("obhut_login_failures_sustained_total");
    expect(metrics).toMatch(/kind="staff"} [1-9]/);
    // A new window, new failures: one more event.
    clock.advance(WINDOW_MS + 1);
    for (let a = 0; a < ALERT_AT / PER_ADDRESS; a++) {
      const attacker = injectSend(server);
      for (let i = 0; i < PER_ADDRESS; i++) expect(await guess(attacker, staff.username)).toBe(401);
    }
    expect((await events()).length).toBe(2);
  });

  it("records no audit event for client accounts or unknown names", async () => {
    const { username } = await owner();
    for (const name of [username, `nobody-${dialect}`]) {
      for (let a = 0; a < (ALERT_AT * 2) / PER_ADDRESS; a++) {
        const attacker = injectSend(server);
        for (let i = 0; i < PER_ADDRESS; i++) expect(await startOnly(attacker, name)).toBe(200);
      }
    }
    const rows = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", "auth.login_failures_sustained")
      .where("organisation_id", "is", null)
      .execute();
    expect(rows).toEqual([]);
  });

  it("keeps the client address out of the database and the logs", async () => {
    const { username } = await owner();
    await startOnly(injectSend(server), username);
    const keys = (await server.ctx.db.db.selectFrom("auth_failures").select("key").execute()).map((r) => r.key);
    for (const key of keys) expect(key).not.toMatch(/10\.77\.|127\.0\.0\.1/);
    expect(server.logText()).not.toMatch(/10\.77\./);
  });
});
