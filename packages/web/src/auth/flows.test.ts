// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint, restoreAccountKeys, sha256, toBase64Url, toHex, utf8Encode } from "@obhut/crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearSession, getSession } from "../keys/session-store";
import { AuthFlowError } from "./auth-error";
import { createFakeAuthServer, type FakeAuthServer } from "./fake-auth-server";
import { logIn, logOut, signUp, type AuthStep } from "./flows";

// Cheap Argon2id for the recovery wrap in unit tests; the browser tests use the real parameters.
const argon2Params = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
const PASSWORD = "correct horse battery staple ü";

let server: FakeAuthServer;

beforeEach(async () => {
  server = await createFakeAuthServer();
});

afterEach(() => clearSession());

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthFlowError);
  return (error as AuthFlowError).reason;
}

describe("sign-up and login flows", () => {
  it("signs up with a recovery code, logs in afresh and restores the same keys", async () => {
    const steps: AuthStep[] = [];
    const recoveryCode = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    const created = await signUp(
      { username: "Moewe-42", password: PASSWORD, recoveryCode },
      { api: server.api, onStep: (s) => steps.push(s), argon2Params },
    );
    expect(steps).toEqual(["password", "keys", "recovery", "check", "register", "login", "unlock"]);
    const createdFingerprint = fingerprint(created.keys.signing.publicKey);
    expect(createdFingerprint).toMatch(/^(\d{5} ){11}\d{5}$/);

    // A "fresh browser": nothing in memory, only the server's bundle.
    clearSession();
    expect(getSession()).toBeNull();
    const again = await logIn({ username: "moewe-42", password: PASSWORD }, { api: server.api });
    expect(fingerprint(again.keys.signing.publicKey)).toBe(createdFingerprint);
    expect(getSession()).toBe(again);

    const stored = server.accounts.get("moewe-42")!.keyBundle;
    expect(stored.masterWrapRecovery).toBeDefined();
    const viaCode = await restoreAccountKeys(stored, { recoveryCode });
    expect(fingerprint(viaCode.signing.publicKey)).toBe(createdFingerprint);
  });

  it("leaves the recovery wrap out when the person chose no code", async () => {
    await signUp({ username: "ohne-code", password: PASSWORD }, { api: server.api });
    expect(server.accounts.get("ohne-code")!.keyBundle.masterWrapRecovery).toBeUndefined();
  });

  it("never sends the password or a simple function of it", async () => {
    await signUp({ username: "secret-keeper", password: PASSWORD }, { api: server.api });
    clearSession();
    await logIn({ username: "secret-keeper", password: PASSWORD }, { api: server.api });
    const bytes = utf8Encode(PASSWORD);
    const digest = sha256(bytes);
    const forbidden = [PASSWORD, toHex(bytes), toBase64Url(bytes), toHex(digest), toBase64Url(digest)];
    const wire = JSON.stringify(server.calls);
    for (const value of forbidden) expect(wire).not.toContain(value);
  });

  it("fails closed: a bad registration response means register/finish is never sent", async () => {
    server.tamper.registrationResponse = () => toBase64Url(new Uint8Array(64).fill(7));
    expect(await reason(signUp({ username: "nobody", password: PASSWORD }, { api: server.api }))).toBe("crypto");
    expect(server.calls.map((c) => c.path)).toEqual(["/api/auth/register/start"]);
    expect(server.accounts.size).toBe(0);
    expect(getSession()).toBeNull();
  });

  it("reports a taken name as such and creates nothing new", async () => {
    await signUp({ username: "taken", password: PASSWORD }, { api: server.api });
    clearSession();
    expect(await reason(signUp({ username: "Taken", password: "another password" }, { api: server.api }))).toBe(
      "name_taken",
    );
    expect(getSession()).toBeNull();
  });

  it("wrong password and unknown name fail alike, on the same requests", async () => {
    await signUp({ username: "real-name", password: PASSWORD }, { api: server.api });
    clearSession();
    server.calls.length = 0;
    expect(await reason(logIn({ username: "real-name", password: "wrong password!" }, { api: server.api }))).toBe(
      "wrong_credentials",
    );
    const wrongPassword = server.calls.map((c) => c.path);
    server.calls.length = 0;
    expect(await reason(logIn({ username: "no-such-name", password: PASSWORD }, { api: server.api }))).toBe(
      "wrong_credentials",
    );
    expect(server.calls.map((c) => c.path)).toEqual(wrongPassword);
    // The failure reaches the server (its per-name limit counts it).
    expect(wrongPassword).toEqual(["/api/auth/login/start", "/api/auth/login/finish"]);
    expect(getSession()).toBeNull();
  });

  it("refuses a key bundle the server swapped, and ends the server session", async () => {
    await signUp({ username: "victim", password: PASSWORD }, { api: server.api });
    await signUp({ username: "other", password: PASSWORD }, { api: server.api });
    clearSession();
    const otherBundle = server.accounts.get("other")!.keyBundle;
    server.tamper.keyBundle = (bundle) => ({ ...bundle, signingPublicKey: otherBundle.signingPublicKey });
    server.calls.length = 0;
    expect(await reason(logIn({ username: "victim", password: PASSWORD }, { api: server.api }))).toBe(
      "keys_unreadable",
    );
    expect(server.calls.at(-1)?.path).toBe("/api/auth/logout");
    expect(getSession()).toBeNull();
  });

  it("logout wipes the key bytes even when the server cannot be reached", async () => {
    const session = await signUp({ username: "leaving", password: PASSWORD }, { api: server.api });
    const offline = { request: async () => Promise.reject(new Error("offline")) } as unknown as FakeAuthServer["api"];
    await logOut({ api: offline });
    expect(getSession()).toBeNull();
    expect(session.keys.masterKey.every((b) => b === 0)).toBe(true);
    expect(session.keys.signing.secretKey.every((b) => b === 0)).toBe(true);
    expect(session.keys.encryption.secretKey.every((b) => b === 0)).toBe(true);
  });
});
