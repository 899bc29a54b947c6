// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  fingerprint,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  restoreAccountKeys,
  toBase64Url,
  unwrapKey,
  verifyOrgLog,
  wrapContext,
} from "@obhut/crypto";
import { type BodyOf, ListKeyWraps, SetupFinish, SetupVerify } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../helpers/databases";
import { apiAs } from "../helpers/api";
import { startTestServer, type TestServer } from "../helpers/server";
import { client, fetchLog, loginWithKeys, newTestId, prepareSetup, setupOrganisation } from "../keys/support";

function flip(b64: string): string {
  const bytes = fromBase64Url(b64);
  bytes[bytes.length - 70]! ^= 0x04;
  return toBase64Url(bytes);
}

describe.each(DIALECTS)("first-start setup (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server.stop());

  function tokenFromPrinted(): string {
    const line = server.printed.find((l) => l.includes("/setup#token="));
    expect(line).toBeDefined();
    return line!.split("#token=")[1]!;
  }

  it("prints a one-time setup link with the token in the fragment, and stores only its hash", async () => {
    const token = tokenFromPrinted();
    const rows = await server.ctx.db.db.selectFrom("instance_settings").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(server.logText()).not.toContain(token);
  });

  it("rejects a wrong token", async () => {
    const res = await apiAs(server).call(SetupVerify, { body: { token: "x".repeat(32) } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: "setup_token_invalid" } });
  });

  it("refuses a genesis that does not match, atomically: nothing is stored and the token still works", async () => {
    const visitor = apiAs(server);
    const org = await prepareSetup(server);
    const cases: BodyOf<typeof SetupFinish>[] = [
      // Root key in the body differs from the one in the signed genesis.
      { ...org.body, organisationRootPublicKey: toBase64Url(generateSigningKeyPair().publicKey) },
      // Genesis names another organisation id.
      { ...org.body, organisationId: newTestId() },
      // The admin entry names another account.
      { ...org.body, accountId: newTestId() },
      // A flipped bit in the signed admin entry.
      { ...org.body, orgLog: [org.body.orgLog[0]!, flip(org.body.orgLog[1]!)] },
      // The key bundle is not the one the admin entry certifies.
      {
        ...org.body,
        keyBundle: { ...org.body.keyBundle, signingPublicKey: toBase64Url(generateSigningKeyPair().publicKey) },
      },
    ];
    for (const body of cases) {
      const res = await visitor.call(SetupFinish, { body });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body).toMatchObject({ error: { code: "org_log_rejected" } });
    }
    expect(await server.ctx.db.db.selectFrom("organisations").selectAll().execute()).toEqual([]);
    expect(await server.ctx.db.db.selectFrom("org_log_entries").selectAll().execute()).toEqual([]);
    expect((await visitor.call(SetupVerify, { body: { token: tokenFromPrinted() } })).status).toBe(200);
  });

  it("requires the first administrator's display name (what clients see instead of the login name)", async () => {
    const prepared = await prepareSetup(server);
    const visitor = apiAs(server);
    const { displayName: _left, ...without } = prepared.body;
    for (const body of [without, { ...prepared.body, displayName: "   " }, { ...prepared.body, displayName: "a\nb" }]) {
      // Raw: a body without the display name is not one the typed client can send.
      const res = await visitor.callRaw(SetupFinish.method, SetupFinish.path, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
    }
    expect(await server.ctx.db.db.selectFrom("organisations").selectAll().execute()).toEqual([]);
    expect((await visitor.call(SetupVerify, { body: { token: tokenFromPrinted() } })).status).toBe(200);
  });

  it("creates the organisation, its first admin and the cryptographic genesis, then refuses a second setup", async () => {
    const visitor = apiAs(server);
    const token = tokenFromPrinted();
    expect((await visitor.call(SetupVerify, { body: { token } })).status).toBe(200);
    const org = await setupOrganisation(server);
    expect((await visitor.call(SetupVerify, { body: { token } })).body).toMatchObject({
      error: { code: "setup_already_done" },
    });
    const admin = await server.ctx.db.db
      .selectFrom("accounts")
      .select("display_name")
      .where("id", "=", org.admin.id)
      .executeTakeFirstOrThrow();
    expect(admin.display_name).toBe("Frau Admin");
    const c = client(server);
    const { cookie, exportKey, keyBundle } = await loginWithKeys(c.send, org.admin.username, org.admin.password);
    c.jar.cookie = cookie;
    // A fresh browser restores the admin's keys, verifies the log and opens the root and archive keys.
    const keys = await restoreAccountKeys(keyBundle, { exportKey });
    const state = verifyOrgLog(await fetchLog(c.send, org.orgId), {
      pinnedRootFingerprint: fingerprint(org.root.publicKey, "signing"),
    });
    const wraps = (await c.api.call(ListKeyWraps)).body;
    expect(wraps.wraps.map((w) => w.kind).sort()).toEqual(["archive", "org-root"]);
    const open = (kind: string, context: Uint8Array) =>
      unwrapKey(keys.encryption.secretKey, fromBase64Url(wraps.wraps.find((w) => w.kind === kind)!.blob), context);
    expect(generateSigningKeyPair(await open("org-root", wrapContext("org-root-key", [org.orgId]))).publicKey).toEqual(
      state.rootSigningKey,
    );
    expect(
      generateEncryptionKeyPair(await open("archive", wrapContext("archive-key", [org.orgId, 1]))).publicKey,
    ).toEqual(state.archiveKey);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "setup.completed")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
