// SPDX-License-Identifier: AGPL-3.0-or-later
import * as opaque from "@serenity-kit/opaque";
import { type KeyBundle, LoginFinish, LoginStart, RegisterFinish, RegisterStart } from "@obhut/protocol";
import { api } from "./api";

/**
 * A minimal API client speaking the same OPAQUE flow as the web app, for
 * integration tests. `send` lets a test capture every request body.
 */
export type Send = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: unknown; headers: Record<string, string | string[] | undefined> }>;

export function fakeKeyBundle(seed = 1): KeyBundle {
  const b = (n: number, len: number) => Buffer.alloc(len, n + seed).toString("base64url");
  return {
    version: 1,
    signingPublicKey: b(1, 32),
    encryptionPublicKey: b(2, 32),
    encryptedPrivateKeys: b(3, 120),
    masterWrapExport: b(4, 64),
  };
}

export async function registerAccount(
  send: Send,
  username: string,
  password: string,
  keyBundle = fakeKeyBundle(),
): Promise<{ status: number; body: unknown }> {
  await opaque.ready;
  const client = api(send);
  const start = opaque.client.startRegistration({ password });
  const r1 = await client.call(RegisterStart, {
    body: { username, registrationRequest: start.registrationRequest },
  });
  if (r1.status !== 200) return r1;
  const finish = opaque.client.finishRegistration({
    password,
    clientRegistrationState: start.clientRegistrationState,
    registrationResponse: r1.body.registrationResponse,
    keyStretching: "memory-constrained",
  });
  return client.call(RegisterFinish, {
    body: { username, registrationRecord: finish.registrationRecord, keyBundle },
  });
}

export async function login(
  send: Send,
  username: string,
  password: string,
): Promise<{ status: number; body: unknown; cookie: string | undefined }> {
  await opaque.ready;
  const client = api(send);
  const start = opaque.client.startLogin({ password });
  const r1 = await client.call(LoginStart, { body: { username, startLoginRequest: start.startLoginRequest } });
  if (r1.status !== 200) return { ...r1, cookie: undefined };
  const { loginId, loginResponse } = r1.body;
  const finish = opaque.client.finishLogin({
    password,
    clientLoginState: start.clientLoginState,
    loginResponse,
    keyStretching: "memory-constrained",
  });
  // A wrong password fails on the client already; send a junk proof so the server records the failure like a real client would.
  const finishLoginRequest = finish?.finishLoginRequest ?? Buffer.alloc(64, 7).toString("base64url");
  const r2 = await client.call(LoginFinish, { body: { loginId, finishLoginRequest } });
  const setCookie = r2.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(";")[0];
  return { status: r2.status, body: r2.body, cookie };
}
