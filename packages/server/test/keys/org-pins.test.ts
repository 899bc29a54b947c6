// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type KeyBundle,
  type OrgPin,
  createAccountKeys,
  createKeyBundle,
  decryptOrgPins,
  decryptPrivateKeys,
  encryptOrgPins,
  finishLogin,
  finishRegistration,
  fromBase64Url,
  generateRecoveryCode,
  generateSigningKeyPair,
  restoreAccountKeys,
  rewrapKeyBundleForExportKey,
  signRecoveryChallenge,
  startLogin,
  startRegistration,
  toBase64Url,
  unwrapMasterKeyWithRecoveryCode,
} from "@obhut/crypto";
import {
  GetOrgPins,
  GetOrgRootKey,
  PasswordChangeFinish,
  PasswordChangeStart,
  PutOrgPins,
  RecoveryFinish,
  RecoveryRegisterStart,
  RecoveryStart,
  RegisterFinish,
  RegisterStart,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { injectSend, startTestServer, type TestServer } from "../helpers/server";
import { FAST_ARGON2, type TestOrg, client, loginWithKeys, newTestId, setupOrganisation } from "./support";

/**
 * The organisation's public identity (its genesis root key, for the agency
 * page and sign-up) and the pinned organisations in a client's key bundle:
 * stored at sign-up, read and replaced with compare-and-swap, kept across
 * password change and recovery, refused when malformed (docs/CRYPTO.md §4b).
 */

interface Client {
  username: string;
  password: string;
  recoveryCode: string;
  keys: AccountKeys;
}

/** Client sign-up as the web app does it, optionally with pins from the start. */
async function signUp(server: TestServer, pins: OrgPin[] = []): Promise<Client> {
  const anonymous = apiAs(server);
  const username = `client-${newTestId().slice(0, 10).toLowerCase()}`;
  const password = `client password ${newTestId()}`;
  const recoveryCode = generateRecoveryCode();
  const reg = await startRegistration(password);
  const r1 = await anonymous.call(RegisterStart, { body: { username, registrationRequest: reg.request } });
  expect(r1.status).toBe(200);
  const finished = await finishRegistration({ password, state: reg.state, response: r1.body.registrationResponse });
  const keys = createAccountKeys();
  const keyBundle = await createKeyBundle({
    keys,
    exportKey: finished.exportKey,
    recoveryCode,
    argon2Params: FAST_ARGON2,
    orgPins: pins,
  });
  const r2 = await anonymous.call(RegisterFinish, {
    body: { username, registrationRecord: finished.record, keyBundle },
  });
  expect(r2.status, JSON.stringify(r2.body)).toBe(201);
  return { username, password, recoveryCode, keys };
}

async function pinsOf(keys: AccountKeys, bundle: KeyBundle): Promise<OrgPin[]> {
  return bundle.orgPins ? decryptOrgPins(keys, fromBase64Url(bundle.orgPins)) : [];
}

describe.each(DIALECTS)("organisation identity and pinned organisations (%s)", (dialect) => {
  let server: TestServer;
  let org: TestOrg;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
  });
  afterAll(() => server.stop());

  it("tells anyone the genesis root key (no login), and nothing for an unknown organisation", async () => {
    const anonymous = apiAs(server);
    const res = await anonymous.call(GetOrgRootKey, { params: { orgId: org.orgId } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rootSigningKey: toBase64Url(org.root.publicKey) });
    const unknown = await anonymous.call(GetOrgRootKey, { params: { orgId: newTestId() } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: "not_found" } });
  });

  it("keeps the pins made at sign-up in the bundle a login on another device gets", async () => {
    const pin = { orgId: org.orgId, rootSigningKey: org.root.publicKey, pinnedAt: 1_767_000_000_000 };
    const person = await signUp(server, [pin]);
    const device = await loginWithKeys(injectSend(server), person.username, person.password);
    const keys = await restoreAccountKeys(device.keyBundle, { exportKey: device.exportKey });
    expect(await pinsOf(keys, device.keyBundle)).toEqual([pin]);
  });

  it("reads and replaces the pins only against the stored version; older bundles without pins read as none", async () => {
    const person = await signUp(server);
    const c = client(server);
    c.jar.cookie = (await loginWithKeys(c.send, person.username, person.password)).cookie;
    expect((await c.api.call(GetOrgPins)).body).toEqual({ orgPins: null });

    const first = toBase64Url(
      await encryptOrgPins(person.keys, [{ orgId: org.orgId, rootSigningKey: org.root.publicKey, pinnedAt: 1 }]),
    );
    expect((await c.api.call(PutOrgPins, { body: { orgPins: first, previous: null } })).status).toBe(204);
    expect((await c.api.call(GetOrgPins)).body).toEqual({ orgPins: first });

    // Another browser of the same client pinned meanwhile: a write based on "none" loses, nothing changes.
    const other = toBase64Url(
      await encryptOrgPins(person.keys, [
        { orgId: "org_other_01", rootSigningKey: generateSigningKeyPair().publicKey, pinnedAt: 2 },
      ]),
    );
    const stale = await c.api.call(PutOrgPins, { body: { orgPins: other, previous: null } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: "conflict" } });
    expect((await c.api.call(GetOrgPins)).body).toEqual({ orgPins: first });

    // What no browser could open is refused: another blob kind, a bad length.
    const privateKeys = (await loginWithKeys(injectSend(server), person.username, person.password)).keyBundle
      .encryptedPrivateKeys;
    for (const bad of [privateKeys, first.slice(0, 40)]) {
      const res = await c.api.call(PutOrgPins, { body: { orgPins: bad, previous: first } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "invalid_body" } });
    }
    expect((await c.api.call(GetOrgPins)).body).toEqual({ orgPins: first });

    // The login answer carries the same blob, and the keys still open.
    const again = await loginWithKeys(injectSend(server), person.username, person.password);
    expect(again.keyBundle.orgPins).toBe(first);
    const keys = await restoreAccountKeys(again.keyBundle, { exportKey: again.exportKey });
    expect((await pinsOf(keys, again.keyBundle)).map((p) => p.orgId)).toEqual([org.orgId]);
  });

  it("needs a session to read or replace pins", async () => {
    const anonymous = apiAs(server);
    expect((await anonymous.call(GetOrgPins)).status).toBe(401);
    const blob = toBase64Url(await encryptOrgPins(createAccountKeys(), []));
    expect((await anonymous.call(PutOrgPins, { body: { orgPins: blob, previous: null } })).status).toBe(401);
  });

  it("refuses a malformed pins blob at sign-up", async () => {
    const anonymous = apiAs(server);
    const username = `client-${newTestId().slice(0, 10).toLowerCase()}`;
    const reg = await startRegistration("a password for this client");
    const r1 = await anonymous.call(RegisterStart, { body: { username, registrationRequest: reg.request } });
    const finished = await finishRegistration({
      password: "a password for this client",
      state: reg.state,
      response: r1.body.registrationResponse,
    });
    const keyBundle = await createKeyBundle({ keys: createAccountKeys(), exportKey: finished.exportKey });
    const res = await anonymous.call(RegisterFinish, {
      body: {
        username,
        registrationRecord: finished.record,
        keyBundle: { ...keyBundle, orgPins: keyBundle.encryptedPrivateKeys },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "invalid_body" } });
  });

  it("keeps the pins when a password change or a recovery sends a bundle without them", async () => {
    const pin = { orgId: org.orgId, rootSigningKey: org.root.publicKey, pinnedAt: 3 };
    const person = await signUp(server, [pin]);

    // Password change: the web app builds the new bundle from the keys in memory, without the pins.
    const c = client(server);
    const session = await loginWithKeys(c.send, person.username, person.password);
    c.jar.cookie = session.cookie;
    const login = await startLogin(person.password);
    const next = `new password ${newTestId()}`;
    const reg = await startRegistration(next);
    const started = await c.api.call(PasswordChangeStart, {
      body: { startLoginRequest: login.request, registrationRequest: reg.request },
    });
    const proof = await finishLogin({
      password: person.password,
      state: login.state,
      response: started.body.loginResponse,
    });
    const registered = await finishRegistration({
      password: next,
      state: reg.state,
      response: started.body.registrationResponse,
    });
    const { orgPins: _dropped, ...withoutPins } = await rewrapKeyBundleForExportKey(
      session.keyBundle,
      person.keys.masterKey,
      registered.exportKey,
    );
    const changed = await c.api.call(PasswordChangeFinish, {
      body: {
        changeId: started.body.changeId,
        finishLoginRequest: proof.finishRequest,
        registrationRecord: registered.record,
        keyBundle: withoutPins,
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const afterChange = await loginWithKeys(injectSend(server), person.username, next);
    const keys = await restoreAccountKeys(afterChange.keyBundle, { exportKey: afterChange.exportKey });
    expect(await pinsOf(keys, afterChange.keyBundle)).toEqual([pin]);

    // Recovery: the web app knows only what recovery step 1 hands out (no pins there).
    const anonymous = api(injectSend(server));
    const start = (await anonymous.call(RecoveryStart, { body: { username: person.username } })).body;
    const masterKey = await unwrapMasterKeyWithRecoveryCode(
      fromBase64Url(start.masterWrapRecovery),
      person.recoveryCode,
    );
    const opened = await decryptPrivateKeys(masterKey, fromBase64Url(start.encryptedPrivateKeys), {
      signingPublicKey: fromBase64Url(start.signingPublicKey),
      encryptionPublicKey: fromBase64Url(start.encryptionPublicKey),
    });
    const third = `third password ${newTestId()}`;
    const reg2 = await startRegistration(third);
    const r2 = await anonymous.call(RecoveryRegisterStart, {
      body: { recoveryId: start.recoveryId, registrationRequest: reg2.request },
    });
    const finished = await finishRegistration({
      password: third,
      state: reg2.state,
      response: r2.body.registrationResponse,
    });
    const recoveredBundle = await rewrapKeyBundleForExportKey(
      {
        version: 1,
        signingPublicKey: start.signingPublicKey,
        encryptionPublicKey: start.encryptionPublicKey,
        encryptedPrivateKeys: start.encryptedPrivateKeys,
        masterWrapExport: "",
        masterWrapRecovery: start.masterWrapRecovery,
      },
      masterKey,
      finished.exportKey,
    );
    const recovered = await anonymous.call(RecoveryFinish, {
      body: {
        recoveryId: start.recoveryId,
        signature: toBase64Url(signRecoveryChallenge(fromBase64Url(start.challenge), opened.signing.secretKey)),
        registrationRecord: finished.record,
        keyBundle: recoveredBundle,
      },
    });
    expect(recovered.status, JSON.stringify(recovered.body)).toBe(200);
    const afterRecovery = await loginWithKeys(injectSend(server), person.username, third);
    const restored = await restoreAccountKeys(afterRecovery.keyBundle, { exportKey: afterRecovery.exportKey });
    expect(await pinsOf(restored, afterRecovery.keyBundle)).toEqual([pin]);
  });
});
