// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import {
  type AccountKeys,
  type KeyBundle,
  type OrgLogEntry,
  type OrgLogPayload,
  type SigningKeyPair,
  createAccountKeys,
  createKeyBundle,
  createOrgLogEntry,
  decodeOrgLogEntry,
  encodeOrgLogEntry,
  finishLogin,
  finishRegistration,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateRecoveryCode,
  generateSigningKeyPair,
  startLogin,
  startRegistration,
  toBase64Url,
  wrapContext,
  wrapKey,
} from "@obhut/crypto";
import {
  AppendOrgLogEntry,
  type BodyOf,
  GetOrgLog,
  LoginFinish,
  LoginStart,
  SetupFinish,
  SetupRegisterStart,
} from "@obhut/protocol";
import { expect } from "vitest";
import { opaqueReady } from "../../src/infra/config/opaque";
import { api, type ApiClient } from "../helpers/api";
import { waiveSecondFactor } from "../helpers/mfa";
import type { Send } from "../helpers/opaque-client";
import { injectSend, type TestServer } from "../helpers/server";

/**
 * Test factories for the key directory: a set-up organisation whose admin
 * holds real keys, staff accounts with real key bundles, and helpers to sign
 * and append org log entries — all with @obhut/crypto, as a browser would.
 */

/** Small but valid Argon2id parameters keep tests fast; production uses the defaults. */
export const FAST_ARGON2 = { memoryKiB: 64, iterations: 1, parallelism: 1 };

export interface TestAccount {
  id: string;
  username: string;
  password: string;
  recoveryCode: string;
  keys: AccountKeys;
  bundle: KeyBundle;
}

export interface TestOrg {
  orgId: string;
  root: SigningKeyPair;
  archive: { secretKey: Uint8Array; publicKey: Uint8Array };
  admin: TestAccount;
  /** Decoded entries as stored, in order; appendEntry keeps it current. */
  log: OrgLogEntry[];
}

export const newTestId = (): string => crypto.randomBytes(16).toString("base64url");

/** A session-carrying client: `send` with the cookie of the last login, `api` the typed client over it. */
export function client(
  server: TestServer,
  capture?: string[],
): { send: Send; api: ApiClient; jar: { cookie?: string } } {
  const jar: { cookie?: string } = {};
  const send = injectSend(server, { cookie: () => jar.cookie, ...(capture ? { capture } : {}) });
  return { send, api: api(send), jar };
}

/** OPAQUE login through the API; returns the export key so tests can restore keys like a fresh browser. */
export async function loginWithKeys(
  send: Send,
  username: string,
  password: string,
): Promise<{ cookie: string; exportKey: Uint8Array; keyBundle: KeyBundle }> {
  const client = api(send);
  const start = await startLogin(password);
  const r1 = await client.call(LoginStart, { body: { username, startLoginRequest: start.request } });
  expect(r1.status).toBe(200);
  const { loginId, loginResponse } = r1.body;
  const done = await finishLogin({ password, state: start.state, response: loginResponse });
  const r2 = await client.call(LoginFinish, { body: { loginId, finishLoginRequest: done.finishRequest } });
  expect(r2.status).toBe(200);
  const setCookie = r2.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(";")[0]!;
  return { cookie, exportKey: done.exportKey, keyBundle: r2.body.keyBundle };
}

export async function loggedIn(
  server: TestServer,
  account: { username: string; password: string },
  capture?: string[],
): Promise<Send> {
  const c = client(server, capture);
  c.jar.cookie = (await loginWithKeys(c.send, account.username, account.password)).cookie;
  return c.send;
}

export interface PreparedSetup extends TestOrg {
  /** The exact body the browser posts to /api/setup/finish. */
  body: BodyOf<typeof SetupFinish>;
}

/** The browser's half of a first-start setup with real keys: OPAQUE registration, key bundle, signed genesis, wraps. */
export async function prepareSetup(
  server: TestServer,
  options: { username?: string; capture?: string[] } = {},
): Promise<PreparedSetup> {
  const client = api(injectSend(server, options.capture ? { capture: options.capture } : {}));
  const line = server.printed.find((l) => l.includes("/setup#token="))!;
  const token = line.split("#token=")[1]!;
  const username = options.username ?? "admin";
  const password = `admin password ${newTestId()}`;
  const reg = await startRegistration(password);
  const r1 = await client.call(SetupRegisterStart, { body: { token, username, registrationRequest: reg.request } });
  expect(r1.status).toBe(200);
  const finished = await finishRegistration({ password, state: reg.state, response: r1.body.registrationResponse });
  const keys = createAccountKeys();
  const recoveryCode = generateRecoveryCode();
  const bundle = (await createKeyBundle({
    keys,
    exportKey: finished.exportKey,
    recoveryCode,
    argon2Params: FAST_ARGON2,
  })) as KeyBundle;
  const orgId = newTestId();
  const accountId = newTestId();
  const root = generateSigningKeyPair();
  const archive = generateEncryptionKeyPair();
  const log = signChain(root, [
    { type: "genesis", orgId, rootSigningKey: root.publicKey, archiveKey: archive.publicKey },
    { type: "admin-added", accountId, signingKey: keys.signing.publicKey, encryptionKey: keys.encryption.publicKey },
    {
      type: "staff-key-certified",
      accountId,
      signingKey: keys.signing.publicKey,
      encryptionKey: keys.encryption.publicKey,
    },
  ]);
  const body = {
    token,
    organisationName: "Beratung Nord e.V.",
    username,
    displayName: " Frau Admin ",
    registrationRecord: finished.record,
    keyBundle: bundle,
    organisationRootPublicKey: toBase64Url(root.publicKey),
    organisationId: orgId,
    accountId,
    orgLog: log.map((e) => toBase64Url(encodeOrgLogEntry(e))),
    orgRootWrap: toBase64Url(
      await wrapKey(keys.encryption.publicKey, root.secretKey, wrapContext("org-root-key", [orgId])),
    ),
    archiveWrap: toBase64Url(
      await wrapKey(keys.encryption.publicKey, archive.secretKey, wrapContext("archive-key", [orgId, 1])),
    ),
  };
  return { orgId, root, archive, log, body, admin: { id: accountId, username, password, recoveryCode, keys, bundle } };
}

/** prepareSetup, then post it: an organisation with a verified genesis and an admin who holds real keys. */
export async function setupOrganisation(
  server: TestServer,
  options: { username?: string; capture?: string[] } = {},
): Promise<PreparedSetup> {
  const prepared = await prepareSetup(server, options);
  const client = api(injectSend(server, options.capture ? { capture: options.capture } : {}));
  const done = await client.call(SetupFinish, { body: prepared.body });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  // Key-directory tests are not about the second factor (test/mfa is): the organisation policy waives it.
  await waiveSecondFactor(server.ctx.db.db, prepared.orgId);
  return prepared;
}

/** Signs entries one after another (a fresh chain, or continuing after `previous`). */
export function signChain(
  signer: SigningKeyPair,
  payloads: OrgLogPayload[],
  previous: OrgLogEntry | null = null,
  timestamp = Date.UTC(2026, 10, 22),
): OrgLogEntry[] {
  return payloads.map((payload) => (previous = createOrgLogEntry({ previous, payload, signer, timestamp })));
}

export const entryB64 = (e: OrgLogEntry): string => toBase64Url(encodeOrgLogEntry(e));

/** Signs the next entry and appends it through the API; on success the org's local log copy grows. */
export async function appendEntry(
  send: Send,
  org: TestOrg,
  payload: OrgLogPayload,
  signer: SigningKeyPair = org.admin.keys.signing,
) {
  const [entry] = signChain(signer, [payload], org.log.at(-1)!);
  const res = await api(send).call(AppendOrgLogEntry, {
    params: { orgId: org.orgId },
    body: { entry: entryB64(entry!) },
  });
  if (res.status === 201) org.log.push(entry!);
  return res;
}

/** Reads the whole log through the API, decoded. */
export async function fetchLog(send: Send, orgId: string): Promise<OrgLogEntry[]> {
  const res = await api(send).call(GetOrgLog, { params: { orgId } });
  expect(res.status).toBe(200);
  return res.body.entries.map((e) => decodeOrgLogEntry(fromBase64Url(e.entry)));
}

/**
 * Creates a staff account directly (staff onboarding has no API yet): the
 * OPAQUE registration runs client and server halves in this process, like
 * the demo seeding does; the password never goes anywhere else.
 */
export async function createStaff(
  server: TestServer,
  orgId: string,
  options: { username?: string; role?: string } = {},
): Promise<TestAccount> {
  const username = options.username ?? `staff-${newTestId().slice(0, 8).toLowerCase()}`;
  const password = `staff password ${newTestId()}`;
  const opaque = await opaqueReady();
  const reg = await startRegistration(password);
  const { registrationResponse } = opaque.createRegistrationResponse({
    serverSetup: server.ctx.secrets.opaqueServerSetup,
    userIdentifier: username,
    registrationRequest: reg.request,
  });
  const finished = await finishRegistration({ password, state: reg.state, response: registrationResponse });
  const keys = createAccountKeys();
  const recoveryCode = generateRecoveryCode();
  const bundle = await createKeyBundle({
    keys,
    exportKey: finished.exportKey,
    recoveryCode,
    argon2Params: FAST_ARGON2,
  });
  const id = newTestId();
  await server.ctx.db.db
    .insertInto("accounts")
    .values({
      id,
      organisation_id: orgId,
      username,
      kind: "staff",
      role: options.role ?? "counsellor",
      opaque_record: finished.record,
      key_bundle: JSON.stringify(bundle),
      created_at: Date.now(),
      disabled_at: null,
    })
    .execute();
  await waiveSecondFactor(server.ctx.db.db, orgId);
  return { id, username, password, recoveryCode, keys, bundle: bundle as KeyBundle };
}

/** Teams have no API yet either: a row plus membership rows. */
export async function createTeamRows(server: TestServer, orgId: string, memberIds: string[]): Promise<string> {
  const teamId = newTestId();
  await server.ctx.db.db
    .insertInto("teams")
    .values({ id: teamId, organisation_id: orgId, agency_id: null, name: "Team", is_intake: 0, created_at: Date.now() })
    .execute();
  for (const accountId of memberIds) {
    await server.ctx.db.db
      .insertInto("team_members")
      .values({ team_id: teamId, account_id: accountId, role: "member", added_at: Date.now() })
      .execute();
  }
  return teamId;
}

export const staffPayload = (type: "staff-key-certified" | "admin-added", a: TestAccount): OrgLogPayload => ({
  type,
  accountId: a.id,
  signingKey: a.keys.signing.publicKey,
  encryptionKey: a.keys.encryption.publicKey,
});
