// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type KeyBundle,
  createAccountKeys,
  finishLogin,
  finishRegistration,
  fromBase64Url,
  generateRecoveryCode,
  restoreAccountKeys,
  rewrapKeyBundleForExportKey,
  startLogin,
  startRegistration,
  toBase64Url,
  wrapMasterKeyWithRecoveryCode,
} from "@obhut/crypto";
import { CurrentSession, PasswordChangeFinish, PasswordChangeStart, PutRecoveryWrap } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { login, type Send } from "../helpers/opaque-client";
import { injectSend, startTestServer, type TestServer } from "../helpers/server";
import { expectNoneSent, secretForms } from "./secrets-check";
import { FAST_ARGON2, type TestOrg, client, createStaff, loginWithKeys, setupOrganisation } from "./support";

/** The browser's password change: log in with the current password, register the new one, re-wrap the master key. */
async function changePassword(
  send: Send,
  props: {
    current: string;
    next: string;
    masterKey: Uint8Array;
    bundle: KeyBundle;
    mutate?: (b: KeyBundle) => KeyBundle;
  },
) {
  const client = api(send);
  const login = await startLogin(props.current);
  const reg = await startRegistration(props.next);
  const r1 = await client.call(PasswordChangeStart, {
    body: { startLoginRequest: login.request, registrationRequest: reg.request },
  });
  expect(r1.status).toBe(200);
  const { changeId, loginResponse, registrationResponse } = r1.body;
  let finishLoginRequest: string;
  try {
    finishLoginRequest = (await finishLogin({ password: props.current, state: login.state, response: loginResponse }))
      .finishRequest;
  } catch {
    // Wrong current password: the client already knows; send a junk proof so the server counts the failure.
    finishLoginRequest = Buffer.alloc(64, 7).toString("base64url");
  }
  const finished = await finishRegistration({
    password: props.next,
    state: reg.state,
    response: registrationResponse,
  });
  const rewrapped = await rewrapKeyBundleForExportKey(props.bundle, props.masterKey, finished.exportKey);
  const keyBundle = props.mutate ? props.mutate(rewrapped) : rewrapped;
  return client.call(PasswordChangeFinish, {
    body: { changeId, finishLoginRequest, registrationRecord: finished.record, keyBundle },
  });
}

describe.each(DIALECTS)("account key management (%s)", (dialect) => {
  let server: TestServer;
  let org: TestOrg;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
  });
  afterAll(() => server.stop());

  it("changes the password without sending it, keeps the identity and ends the other sessions", async () => {
    const staff = await createStaff(server, org.orgId);
    const captured: string[] = [];
    const laptop = client(server, captured);
    const phone = client(server);
    const first = await loginWithKeys(laptop.send, staff.username, staff.password);
    laptop.jar.cookie = first.cookie;
    phone.jar.cookie = (await loginWithKeys(phone.send, staff.username, staff.password)).cookie;
    const next = "a brand new passphrase for staff";
    const keys = await restoreAccountKeys(first.keyBundle, { exportKey: first.exportKey });
    const res = await changePassword(laptop.send, {
      current: staff.password,
      next,
      masterKey: keys.masterKey,
      bundle: first.keyBundle,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ account: { id: staff.id }, endedSessions: 1 });

    expect((await laptop.api.call(CurrentSession)).status).toBe(200);
    const ended = await phone.api.call(CurrentSession);
    expect(ended.status).toBe(401);
    expect(ended.body).toMatchObject({ error: { code: "session_expired" } });

    expect((await login(injectSend(server), staff.username, staff.password)).status).toBe(401);
    const again = await loginWithKeys(injectSend(server), staff.username, next);
    const restored = await restoreAccountKeys(again.keyBundle, { exportKey: again.exportKey });
    expect(restored.signing.publicKey).toEqual(staff.keys.signing.publicKey);
    expect(restored.encryption.secretKey).toEqual(staff.keys.encryption.secretKey);
    // The recovery code still opens the same keys.
    expect((await restoreAccountKeys(again.keyBundle, { recoveryCode: staff.recoveryCode })).masterKey).toEqual(
      keys.masterKey,
    );

    expectNoneSent(captured, [...secretForms(staff.password), ...secretForms(next)]);
    const dump = JSON.stringify(await server.ctx.db.db.selectFrom("accounts").selectAll().execute());
    for (const form of [...secretForms(staff.password), ...secretForms(next)]) expect(dump).not.toContain(form);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("action")
      .where("actor_id", "=", staff.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("account.password_changed");
  });

  it("refuses a wrong current password and a bundle with other identity keys, changing nothing", async () => {
    const staff = await createStaff(server, org.orgId);
    const c = client(server);
    const session = await loginWithKeys(c.send, staff.username, staff.password);
    c.jar.cookie = session.cookie;
    const keys = await restoreAccountKeys(session.keyBundle, { exportKey: session.exportKey });
    const wrong = await changePassword(c.send, {
      current: "not the password at all",
      next: "whatever new password",
      masterKey: keys.masterKey,
      bundle: session.keyBundle,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: "auth_failed" } });
    const other = createAccountKeys();
    const swapped = await changePassword(c.send, {
      current: staff.password,
      next: "whatever new password",
      masterKey: keys.masterKey,
      bundle: session.keyBundle,
      mutate: (b) => ({ ...b, signingPublicKey: toBase64Url(other.signing.publicKey) }),
    });
    expect(swapped.status).toBe(422);
    expect(swapped.body).toMatchObject({ error: { code: "key_mismatch" } });
    expect((await loginWithKeys(injectSend(server), staff.username, staff.password)).keyBundle).toEqual(
      session.keyBundle,
    );
  });

  it("requires a session for password changes and recovery wraps", async () => {
    const anonymous = apiAs(server);
    expect(
      (
        await anonymous.call(PasswordChangeStart, {
          body: {
            startLoginRequest: "A".repeat(40),
            registrationRequest: "A".repeat(40),
          },
        })
      ).status,
    ).toBe(401);
    expect((await anonymous.call(PutRecoveryWrap, { body: { masterWrapRecovery: "A".repeat(118) } })).status).toBe(401);
  });

  it("adds or replaces the recovery wrap; the new code opens the keys, garbage is refused", async () => {
    const staff = await createStaff(server, org.orgId);
    const captured: string[] = [];
    const c = client(server, captured);
    const session = await loginWithKeys(c.send, staff.username, staff.password);
    c.jar.cookie = session.cookie;
    const keys = await restoreAccountKeys(session.keyBundle, { exportKey: session.exportKey });
    const code = generateRecoveryCode();
    const wrap = toBase64Url(await wrapMasterKeyWithRecoveryCode(keys.masterKey, code, FAST_ARGON2));
    expect((await c.api.call(PutRecoveryWrap, { body: { masterWrapRecovery: wrap } })).status).toBe(204);
    const bundle = (await loginWithKeys(injectSend(server), staff.username, staff.password)).keyBundle;
    expect(bundle.masterWrapRecovery).toBe(wrap);
    expect((await restoreAccountKeys(bundle, { recoveryCode: code })).signing.publicKey).toEqual(
      staff.keys.signing.publicKey,
    );
    await expect(restoreAccountKeys(bundle, { recoveryCode: staff.recoveryCode })).rejects.toThrow();

    const wrongKind = fromBase64Url(wrap);
    wrongKind[2] = 0x02;
    const refused = await c.api.call(PutRecoveryWrap, { body: { masterWrapRecovery: toBase64Url(wrongKind) } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: "invalid_body" } });
    expectNoneSent(captured, [...secretForms(staff.password), ...secretForms(code)]);
  });
});
