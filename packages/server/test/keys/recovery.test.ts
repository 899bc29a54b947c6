// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type KeyBundle,
  createAccountKeys,
  decryptPrivateKeys,
  finishRegistration,
  fromBase64Url,
  readRecoveryWrapParams,
  rewrapKeyBundleForExportKey,
  signRecoveryChallenge,
  startRegistration,
  toBase64Url,
  unwrapMasterKeyWithRecoveryCode,
} from "@obhut/crypto";
import { CurrentSession, RecoveryFinish, RecoveryRegisterStart, RecoveryStart } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_BUDGET } from "../../src/modules/identity/login-budget";
import { api, type SuccessBody } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { login, registerAccount, type Send } from "../helpers/opaque-client";
import { injectSend, startTestServer, type TestServer } from "../helpers/server";
import { expectNoneSent, recoveryCodeForms, secretForms } from "./secrets-check";
import { type TestAccount, type TestOrg, client, createStaff, loginWithKeys, setupOrganisation } from "./support";

type Start = SuccessBody<typeof RecoveryStart>;

/** What the browser does with a recovery code: open the keys, sign the challenge, register a new password. */
async function recover(
  send: Send,
  props: {
    username: string;
    code: string;
    newPassword: string;
    sign?: (challenge: Uint8Array, secret: Uint8Array) => Uint8Array;
    mutate?: (b: KeyBundle) => KeyBundle;
  },
) {
  const client = api(send);
  const r1 = await client.call(RecoveryStart, { body: { username: props.username } });
  expect(r1.status).toBe(200);
  const start = r1.body;
  const masterKey = await unwrapMasterKeyWithRecoveryCode(fromBase64Url(start.masterWrapRecovery), props.code);
  const keys = await decryptPrivateKeys(masterKey, fromBase64Url(start.encryptedPrivateKeys), {
    signingPublicKey: fromBase64Url(start.signingPublicKey),
    encryptionPublicKey: fromBase64Url(start.encryptionPublicKey),
  });
  const signature = (props.sign ?? signRecoveryChallenge)(fromBase64Url(start.challenge), keys.signing.secretKey);
  const reg = await startRegistration(props.newPassword);
  const r2 = await client.call(RecoveryRegisterStart, {
    body: { recoveryId: start.recoveryId, registrationRequest: reg.request },
  });
  expect(r2.status).toBe(200);
  const finished = await finishRegistration({
    password: props.newPassword,
    state: reg.state,
    response: r2.body.registrationResponse,
  });
  const bundle: KeyBundle = {
    version: 1,
    signingPublicKey: start.signingPublicKey,
    encryptionPublicKey: start.encryptionPublicKey,
    encryptedPrivateKeys: start.encryptedPrivateKeys,
    masterWrapExport: "",
    masterWrapRecovery: start.masterWrapRecovery,
  };
  const keyBundle = await rewrapKeyBundleForExportKey(bundle, masterKey, finished.exportKey);
  const body = {
    recoveryId: start.recoveryId,
    signature: toBase64Url(signature),
    registrationRecord: finished.record,
    keyBundle: props.mutate ? props.mutate(keyBundle) : keyBundle,
  };
  return { res: await client.call(RecoveryFinish, { body }), body, keys };
}

describe.each(DIALECTS)("recovery with the recovery code (%s)", (dialect) => {
  let server: TestServer;
  let org: TestOrg;
  let staff: TestAccount;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
    staff = await createStaff(server, org.orgId);
  });
  afterAll(() => server.stop());

  it("restores access with the code alone: same identity, new password, all sessions ended, nothing secret sent", async () => {
    const old = client(server);
    old.jar.cookie = (await loginWithKeys(old.send, staff.username, staff.password)).cookie;
    const captured: string[] = [];
    const newPassword = "recovered and much better passphrase";
    const { res } = await recover(injectSend(server, { capture: captured }), {
      username: staff.username,
      code: staff.recoveryCode,
      newPassword,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ account: { id: staff.id, username: staff.username } });
    expect((await old.api.call(CurrentSession)).status).toBe(401);
    expect((await login(injectSend(server), staff.username, staff.password)).status).toBe(401);
    const again = await loginWithKeys(injectSend(server), staff.username, newPassword);
    expect(again.keyBundle.signingPublicKey).toBe(staff.bundle.signingPublicKey);
    expect(again.keyBundle.masterWrapRecovery).toBe(staff.bundle.masterWrapRecovery);
    expectNoneSent(captured, [...recoveryCodeForms(staff.recoveryCode), ...secretForms(newPassword)]);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("action")
      .where("actor_id", "=", staff.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("account.recovered");
    staff.password = newPassword;
  });

  it("answers unknown names and accounts without a recovery wrap exactly like real ones", async () => {
    const send = injectSend(server);
    expect((await registerAccount(send, "ohne-code", "client password long enough")).status).toBe(201);
    const ask = async (username: string): Promise<Start> =>
      (await api(send).call(RecoveryStart, { body: { username } })).body;
    const real = await ask(staff.username);
    const shape = (s: Start) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length]));
    for (const name of ["niemand-hier", "ohne-code"]) {
      const decoy = await ask(name);
      expect(Object.keys(decoy)).toEqual(Object.keys(real));
      expect(shape(decoy)).toEqual(shape(real));
      // Same headers and sane Argon2id parameters, so a client would start unlocking just the same.
      expect(readRecoveryWrapParams(fromBase64Url(decoy.masterWrapRecovery)).memoryKiB).toBeGreaterThan(0);
      expect([...fromBase64Url(decoy.encryptedPrivateKeys).subarray(0, 3)]).toEqual([
        ...fromBase64Url(real.encryptedPrivateKeys).subarray(0, 3),
      ]);
      // Stable per name, like a stored account: asking twice reveals nothing.
      const twice = await ask(name.toUpperCase());
      expect({ ...twice, recoveryId: "", challenge: "" }).toEqual({ ...decoy, recoveryId: "", challenge: "" });
      expect(twice.challenge).not.toBe(decoy.challenge);
    }
    expect((await ask("niemand-hier")).signingPublicKey).not.toBe((await ask("ohne-code")).signingPublicKey);
  });

  it("refuses a wrong signature, a decoy and a replayed attempt with the same answer", async () => {
    const send = injectSend(server);
    const wrongSig = await recover(send, {
      username: staff.username,
      code: staff.recoveryCode,
      newPassword: "attacker password here",
      sign: (challenge) => signRecoveryChallenge(challenge, createAccountKeys().signing.secretKey),
    });
    expect(wrongSig.res.status).toBe(401);
    expect(wrongSig.res.body).toMatchObject({ error: { code: "auth_failed" } });
    // A signature over another challenge (e.g. one captured earlier) fails too.
    const stale = await recover(send, {
      username: staff.username,
      code: staff.recoveryCode,
      newPassword: "x password here",
      sign: (_c, secret) => signRecoveryChallenge(new Uint8Array(32), secret),
    });
    expect(stale.res.status).toBe(401);
    // The recovery state is single use: the same body again fails even though it was well formed.
    const client = api(send);
    expect((await client.call(RecoveryFinish, { body: wrongSig.body })).status).toBe(401);

    const decoy = (await client.call(RecoveryStart, { body: { username: "niemand-hier" } })).body;
    const finishDecoy = await client.call(RecoveryFinish, { body: { ...wrongSig.body, recoveryId: decoy.recoveryId } });
    expect(finishDecoy.status).toBe(401);
    expect(finishDecoy.body).toEqual(wrongSig.res.body);
    // Nothing changed: the current password still works.
    expect((await login(injectSend(server), staff.username, staff.password)).status).toBe(200);
  });

  it("refuses to swap the identity keys even with a valid signature", async () => {
    const other = createAccountKeys();
    const { res } = await recover(injectSend(server), {
      username: staff.username,
      code: staff.recoveryCode,
      newPassword: "another new passphrase",
      mutate: (b) => ({ ...b, encryptionPublicKey: toBase64Url(other.encryption.publicKey) }),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { code: "key_mismatch" } });
    expect((await login(injectSend(server), staff.username, staff.password)).status).toBe(200);
  });

  it("counts failed recoveries against the name and address, shared with failed logins", async () => {
    const victim = await createStaff(server, org.orgId);
    const send = injectSend(server);
    const client = api(send);
    for (let i = 0; i < LOGIN_BUDGET.perAddress; i++) {
      const start = (await client.call(RecoveryStart, { body: { username: victim.username } })).body;
      const res = await client.call(RecoveryFinish, {
        body: {
          recoveryId: start.recoveryId,
          signature: toBase64Url(new Uint8Array(64)),
          registrationRecord: "A".repeat(40),
          keyBundle: victim.bundle,
        },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await client.call(RecoveryStart, { body: { username: victim.username } });
    expect(blocked.status).toBe(429);
    expect((await login(send, victim.username, victim.password)).status).toBe(429);
    // Another address is not locked out: neither its recovery nor its login.
    const elsewhere = injectSend(server);
    expect((await api(elsewhere).call(RecoveryStart, { body: { username: victim.username } })).status).toBe(200);
    expect((await login(elsewhere, victim.username, victim.password)).status).toBe(200);
  });
});
