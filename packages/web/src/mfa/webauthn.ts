// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64Url, toBase64Url } from "@obhut/crypto";

/**
 * Passkeys with the browser's own WebAuthn API. The server sends options in
 * the JSON form of @simplewebauthn/server (binary fields base64url); the
 * browser wants ArrayBuffers, and the answer goes back as base64url again.
 * No extra library: the conversion is a handful of fields.
 */
type Json = Record<string, unknown>;

function buffer(value: unknown): ArrayBuffer {
  if (typeof value !== "string") throw new TypeError("expected a base64url string");
  const bytes = fromBase64Url(value);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function b64(value: ArrayBuffer | null | undefined): string | undefined {
  return value ? toBase64Url(new Uint8Array(value)) : undefined;
}

function descriptors(list: unknown): PublicKeyCredentialDescriptor[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return (list as Json[]).map((item) => ({
    type: "public-key",
    id: buffer(item.id),
    ...(Array.isArray(item.transports) ? { transports: item.transports as AuthenticatorTransport[] } : {}),
  }));
}

export function webauthnSupported(): boolean {
  return typeof window !== "undefined" && "PublicKeyCredential" in window && !!navigator.credentials;
}

export async function createPasskey(options: Json) {
  const user = options.user as Json;
  const publicKey: PublicKeyCredentialCreationOptions = {
    ...(options as unknown as PublicKeyCredentialCreationOptions),
    challenge: buffer(options.challenge),
    user: { id: buffer(user.id), name: String(user.name), displayName: String(user.displayName ?? user.name) },
  };
  const excluded = descriptors(options.excludeCredentials);
  if (excluded) publicKey.excludeCredentials = excluded;
  const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null;
  if (!credential) throw new DOMException("no credential", "NotAllowedError");
  const response = credential.response as AuthenticatorAttestationResponse;
  const transports = typeof response.getTransports === "function" ? response.getTransports() : [];
  const algorithm = typeof response.getPublicKeyAlgorithm === "function" ? response.getPublicKeyAlgorithm() : undefined;
  const publicKeyBytes = typeof response.getPublicKey === "function" ? response.getPublicKey() : null;
  const authenticatorData =
    typeof response.getAuthenticatorData === "function" ? response.getAuthenticatorData() : null;
  return {
    id: credential.id,
    rawId: b64(credential.rawId)!,
    type: "public-key" as const,
    response: {
      clientDataJSON: b64(response.clientDataJSON)!,
      attestationObject: b64(response.attestationObject)!,
      ...(authenticatorData ? { authenticatorData: b64(authenticatorData)! } : {}),
      ...(transports.length > 0 ? { transports: transports as ("internal" | "usb")[] } : {}),
      ...(algorithm !== undefined ? { publicKeyAlgorithm: algorithm } : {}),
      ...(publicKeyBytes ? { publicKey: b64(publicKeyBytes)! } : {}),
    },
    ...attachment(credential),
    clientExtensionResults: extensions(credential),
  };
}

export async function getPasskey(options: Json) {
  const publicKey: PublicKeyCredentialRequestOptions = {
    ...(options as unknown as PublicKeyCredentialRequestOptions),
    challenge: buffer(options.challenge),
  };
  const allowed = descriptors(options.allowCredentials);
  if (allowed) publicKey.allowCredentials = allowed;
  const credential = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential | null;
  if (!credential) throw new DOMException("no credential", "NotAllowedError");
  const response = credential.response as AuthenticatorAssertionResponse;
  const userHandle = b64(response.userHandle);
  return {
    id: credential.id,
    rawId: b64(credential.rawId)!,
    type: "public-key" as const,
    response: {
      clientDataJSON: b64(response.clientDataJSON)!,
      authenticatorData: b64(response.authenticatorData)!,
      signature: b64(response.signature)!,
      ...(userHandle ? { userHandle } : {}),
    },
    ...attachment(credential),
    clientExtensionResults: extensions(credential),
  };
}

function attachment(credential: PublicKeyCredential): { authenticatorAttachment?: "platform" | "cross-platform" } {
  const value = credential.authenticatorAttachment;
  return value === "platform" || value === "cross-platform" ? { authenticatorAttachment: value } : {};
}

// The server's schema is strict: pass on only the one extension it knows.
function extensions(credential: PublicKeyCredential): { credProps?: { rk?: boolean } } {
  const results = credential.getClientExtensionResults() as { credProps?: { rk?: boolean } };
  return results.credProps && typeof results.credProps.rk === "boolean"
    ? { credProps: { rk: results.credProps.rk } }
    : {};
}
