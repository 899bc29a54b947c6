// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ConfirmTotp,
  CurrentSession,
  EnrolTotp,
  GetMfaStatus,
  GetOrganisation,
  ListSessions,
  UpdateOrganisationPolicy,
  VerifyTotp,
  WebauthnRegisterOptions,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { openTotpSecret } from "../../src/modules/identity/mfa";
import { seedAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { totpCode } from "../helpers/mfa";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, loginClient, registerStaff, seedOrg } from "../admin/support";

const STEP = 30_000;
const codeOf = (res: { body: unknown }) => (res.body as { error?: { code: string } }).error?.code;

/** Resolves with the close code of a socket that is refused before "hello". */
function refusedSocket(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, "ws") + "/ws", { headers: { cookie } });
    ws.on("message", () => reject(new Error("a pending session got a WebSocket")));
    ws.on("close", (code) => resolve(code));
    ws.on("error", reject);
  });
}

describe.each(DIALECTS)("second factor: TOTP (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let org: SeededOrg;
  let staff: { id: string; username: string; password: string };
  let secret: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    org = await seedOrg(server.ctx.db.db, clock.now());
    staff = await registerStaff(server, { orgId: org.orgId, role: "counsellor" });
  });
  afterAll(async () => server?.stop());

  it("keeps a new staff session pending until an authenticator app is enrolled and confirmed", async () => {
    const { api: client, cookie } = await loginClient(server, staff.username, staff.password);
    for (const [path, call] of [
      [CurrentSession.path, () => client.call(CurrentSession)],
      [ListSessions.path, () => client.call(ListSessions)],
      [GetOrganisation.path, () => client.call(GetOrganisation, { params: { orgId: org.orgId } })],
    ] as const) {
      const res = await call();
      expect(res.status, path).toBe(403);
      expect(codeOf(res)).toBe("mfa_required");
    }
    expect(await refusedSocket(server.url, cookie)).toBe(4401);
    expect((await client.call(GetMfaStatus)).body).toEqual({
      pending: true,
      required: true,
      totp: false,
      passkeys: 0,
    });

    const enrol = await client.call(EnrolTotp);
    expect(enrol.status).toBe(200);
    expect(enrol.headers["cache-control"]).toBe("no-store");
    ({ secret } = enrol.body);
    expect(enrol.body.otpauthUri).toContain(`secret=${secret}`);
    // Encrypted at rest under the instance key, bound to the account.
    const row = await server.ctx.db.db
      .selectFrom("mfa_totp")
      .selectAll()
      .where("account_id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(secret);
    expect(openTotpSecret(server.ctx.secrets.mfaKey, staff.id, row.secret_enc)).toBe(secret);
    expect(() => openTotpSecret(server.ctx.secrets.mfaKey, "someone-else", row.secret_enc)).toThrow();

    const wrong = await client.call(ConfirmTotp, {
      body: {
        code: (Number(await totpCode(secret, clock.now())) ^ 1).toString().padStart(6, "0"),
      },
    });
    expect(wrong.status).toBe(401);
    expect(codeOf(wrong)).toBe("mfa_failed");
    const ok = await client.call(ConfirmTotp, { body: { code: await totpCode(secret, clock.now()) } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toEqual({
      pending: false,
      required: true,
      totp: true,
      passkeys: 0,
    });
    expect((await client.call(CurrentSession)).status).toBe(200);
  });

  it("makes the next login use the factor (no new enrolment) and accepts each code once", async () => {
    const { api: client } = await loginClient(server, staff.username, staff.password);
    const enrolAgain = await client.call(EnrolTotp);
    expect(enrolAgain.status).toBe(403);
    expect(codeOf(enrolAgain)).toBe("mfa_required");
    expect((await client.call(WebauthnRegisterOptions)).status).toBe(403);

    // The code used for confirmation a moment ago is spent.
    const replay = await client.call(VerifyTotp, { body: { code: await totpCode(secret, clock.now()) } });
    expect(replay.status).toBe(401);
    clock.advance(STEP);
    const fresh = await client.call(VerifyTotp, { body: { code: await totpCode(secret, clock.now()) } });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect((await client.call(CurrentSession)).status).toBe(200);

    // Another session cannot reuse it either, nor the previous step's code.
    const other = await loginClient(server, staff.username, staff.password);
    expect((await other.api.call(VerifyTotp, { body: { code: await totpCode(secret, clock.now()) } })).status).toBe(
      401,
    );
    expect(
      (await other.api.call(VerifyTotp, { body: { code: await totpCode(secret, clock.now() - STEP) } })).status,
    ).toBe(401);
    clock.advance(3 * STEP);
    // Two steps old is outside the drift window.
    expect(
      (await other.api.call(VerifyTotp, { body: { code: await totpCode(secret, clock.now() - 2 * STEP) } })).status,
    ).toBe(401);
    // One step of drift is tolerated.
    expect(
      (await other.api.call(VerifyTotp, { body: { code: await totpCode(secret, clock.now() - STEP) } })).status,
    ).toBe(200);
  });

  it("limits wrong codes per account: after five, even the right code waits", async () => {
    clock.advance(20 * 60_000);
    const { api: client } = await loginClient(server, staff.username, staff.password);
    clock.advance(STEP);
    const right = await totpCode(secret, clock.now());
    const wrongCode = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await client.call(VerifyTotp, { body: { code: wrongCode } })).status).toBe(401);
    const limited = await client.call(VerifyTotp, { body: { code: right } });
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBeDefined();
    clock.advance(15 * 60_000);
    const later = await client.call(VerifyTotp, { body: { code: await totpCode(secret, clock.now()) } });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
  });

  it("follows the organisation policy and never applies to clients", async () => {
    const admin = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
    const policy = await apiAs(server, admin).call(UpdateOrganisationPolicy, {
      params: { orgId: org.orgId },
      body: { roles: [{ role: "dpo", idleMinutes: 30, absoluteMinutes: 480, mfaRequired: false }] },
    });
    expect(policy.status).toBe(200);
    expect(policy.body.roles.find((r) => r.role === "dpo")?.mfaRequired).toBe(false);
    const dpo = await registerStaff(server, { orgId: org.orgId, role: "dpo" });
    const dpoSession = await loginClient(server, dpo.username, dpo.password);
    expect((await dpoSession.api.call(CurrentSession)).status).toBe(200);

    const client = await registerStaff(server, { orgId: null, role: "client", kind: "client" });
    const clientSession = await loginClient(server, client.username, client.password);
    expect((await clientSession.api.call(CurrentSession)).status).toBe(200);
    expect((await clientSession.api.call(GetMfaStatus)).status).toBe(403);
    expect((await clientSession.api.call(EnrolTotp)).status).toBe(403);
  });
});
