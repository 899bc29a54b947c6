// SPDX-License-Identifier: AGPL-3.0-or-later
import * as opaque from "@serenity-kit/opaque";
import { fromBase64Url } from "./encoding";
import { CryptoError } from "./errors";

/**
 * OPAQUE (RFC 9807) via @serenity-kit/opaque (opaque-ke compiled to WASM).
 * Messages are base64url strings exactly as the library produces them, so
 * they can go into JSON bodies unchanged. The password only ever enters the
 * client functions; the server helpers never see it.
 *
 * Key stretching is pinned explicitly: the library's default could change in
 * a future version, and a different setting silently invalidates every
 * stored registration record. "memory-constrained" = Argon2id m=64 MiB, t=3,
 * p=4 (RFC 9106 second option).
 */
export type OpaqueKeyStretching = "memory-constrained" | "rfc-recommended";
export const DEFAULT_OPAQUE_KEY_STRETCHING: OpaqueKeyStretching = "memory-constrained";

/** The WASM module loads asynchronously; every entry point awaits it. */
export async function opaqueReady(): Promise<void> {
  await opaque.ready;
}

export interface OpaqueIdentifiers {
  /** Bound into the record; must be identical at registration and every login. */
  client?: string;
  server?: string;
}

// ---- client side -----------------------------------------------------------

export async function startRegistration(password: string): Promise<{ state: string; request: string }> {
  await opaque.ready;
  const r = opaque.client.startRegistration({ password });
  return { state: r.clientRegistrationState, request: r.registrationRequest };
}

export async function finishRegistration(props: {
  password: string;
  state: string;
  response: string;
  identifiers?: OpaqueIdentifiers;
  keyStretching?: OpaqueKeyStretching;
}): Promise<{
  record: string;
  exportKey: Uint8Array;
  serverStaticPublicKey: string;
}> {
  await opaque.ready;
  try {
    const r = opaque.client.finishRegistration({
      password: props.password,
      clientRegistrationState: props.state,
      registrationResponse: props.response,
      keyStretching: props.keyStretching ?? DEFAULT_OPAQUE_KEY_STRETCHING,
      ...(props.identifiers ? { identifiers: props.identifiers } : {}),
    });
    return {
      record: r.registrationRecord,
      exportKey: fromBase64Url(r.exportKey),
      serverStaticPublicKey: r.serverStaticPublicKey,
    };
  } catch (cause) {
    throw new CryptoError("bad_format", "invalid registration response", {
      cause,
    });
  }
}

export async function startLogin(password: string): Promise<{ state: string; request: string }> {
  await opaque.ready;
  const r = opaque.client.startLogin({ password });
  return { state: r.clientLoginState, request: r.startLoginRequest };
}

/**
 * Throws `auth_failed` for a wrong password and for a tampered server
 * response alike; the client cannot and should not tell them apart.
 */
export async function finishLogin(props: {
  password: string;
  state: string;
  response: string;
  identifiers?: OpaqueIdentifiers;
  keyStretching?: OpaqueKeyStretching;
}): Promise<{
  finishRequest: string;
  sessionKey: Uint8Array;
  exportKey: Uint8Array;
  serverStaticPublicKey: string;
}> {
  await opaque.ready;
  let r: ReturnType<typeof opaque.client.finishLogin>;
  try {
    r = opaque.client.finishLogin({
      password: props.password,
      clientLoginState: props.state,
      loginResponse: props.response,
      keyStretching: props.keyStretching ?? DEFAULT_OPAQUE_KEY_STRETCHING,
      ...(props.identifiers ? { identifiers: props.identifiers } : {}),
    });
  } catch (cause) {
    throw new CryptoError("auth_failed", "login failed", { cause });
  }
  if (!r) throw new CryptoError("auth_failed", "login failed");
  return {
    finishRequest: r.finishLoginRequest,
    sessionKey: fromBase64Url(r.sessionKey),
    exportKey: fromBase64Url(r.exportKey),
    serverStaticPublicKey: r.serverStaticPublicKey,
  };
}

// ---- server side -----------------------------------------------------------

/** Long-term server secret. Changing it invalidates every registration record. */
export async function createServerSetup(): Promise<string> {
  await opaque.ready;
  return opaque.server.createSetup();
}

export async function serverPublicKey(serverSetup: string): Promise<string> {
  await opaque.ready;
  return opaque.server.getPublicKey(serverSetup);
}

export async function createRegistrationResponse(props: {
  serverSetup: string;
  userIdentifier: string;
  request: string;
}): Promise<{ response: string }> {
  await opaque.ready;
  try {
    const r = opaque.server.createRegistrationResponse({
      serverSetup: props.serverSetup,
      userIdentifier: props.userIdentifier,
      registrationRequest: props.request,
    });
    return { response: r.registrationResponse };
  } catch (cause) {
    throw new CryptoError("bad_format", "invalid registration request", {
      cause,
    });
  }
}

/**
 * Pass `record: null` for unknown users: the library then answers with a
 * response indistinguishable from a real one, which is what prevents account
 * enumeration. Callers must take the same code path for both.
 */
export async function serverStartLogin(props: {
  serverSetup: string;
  userIdentifier: string;
  record: string | null;
  request: string;
  identifiers?: OpaqueIdentifiers;
}): Promise<{ state: string; response: string }> {
  await opaque.ready;
  try {
    const r = opaque.server.startLogin({
      serverSetup: props.serverSetup,
      userIdentifier: props.userIdentifier,
      registrationRecord: props.record,
      startLoginRequest: props.request,
      ...(props.identifiers ? { identifiers: props.identifiers } : {}),
    });
    return { state: r.serverLoginState, response: r.loginResponse };
  } catch (cause) {
    throw new CryptoError("bad_format", "invalid login request", { cause });
  }
}

/** Throws `auth_failed` when the client could not prove knowledge of the password. */
export async function serverFinishLogin(props: {
  state: string;
  finishRequest: string;
  identifiers?: OpaqueIdentifiers;
}): Promise<{ sessionKey: Uint8Array }> {
  await opaque.ready;
  try {
    const r = opaque.server.finishLogin({
      serverLoginState: props.state,
      finishLoginRequest: props.finishRequest,
      ...(props.identifiers ? { identifiers: props.identifiers } : {}),
    });
    return { sessionKey: fromBase64Url(r.sessionKey) };
  } catch (cause) {
    throw new CryptoError("auth_failed", "login failed", { cause });
  }
}
