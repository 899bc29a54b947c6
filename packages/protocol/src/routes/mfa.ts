// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64 } from "../common";
import { defineRoute } from "../route";

/**
 * Second factor for staff: TOTP (RFC 6238) and passkeys (WebAuthn). After
 * the OPAQUE login a staff session is `mfaPending`: it may call only the
 * routes in MFA_PENDING_ROUTES; every other route answers 403 mfa_required.
 * While pending, enrolment is only possible for an account that has no
 * confirmed factor yet (first access); otherwise the factor must be used.
 */
export const TotpCode = z.string().regex(/^[0-9]{6}$/, "six digits");

export const MfaStatusView = z
  .object({
    /** This session still owes its second factor. */
    pending: z.boolean(),
    /** The organisation policy requires a second factor for this account's role. */
    required: z.boolean(),
    totp: z.boolean(),
    passkeys: z.number().int().min(0),
  })
  .strict()
  .meta({ id: "MfaStatus" });
export type MfaStatusView = z.infer<typeof MfaStatusView>;

/** Options for navigator.credentials.create/get in WebAuthn JSON form (as @simplewebauthn/browser takes them). */
const WebauthnOptions = z.record(z.string(), z.unknown());

const Transport = z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);
const ClientExtensionResults = z
  .object({ credProps: z.object({ rk: z.boolean().optional() }).strict().optional() })
  .strict();

export const WebauthnRegistrationResponse = z
  .object({
    id: B64.min(16).max(1366),
    rawId: B64.min(16).max(1366),
    type: z.literal("public-key"),
    response: z
      .object({
        clientDataJSON: B64.min(16).max(4096),
        attestationObject: B64.min(16).max(16384),
        authenticatorData: B64.max(8192).optional(),
        transports: z.array(Transport).max(8).optional(),
        publicKeyAlgorithm: z.number().int().optional(),
        publicKey: B64.max(4096).optional(),
      })
      .strict(),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
    clientExtensionResults: ClientExtensionResults,
  })
  .strict();

export const WebauthnAuthenticationResponse = z
  .object({
    id: B64.min(16).max(1366),
    rawId: B64.min(16).max(1366),
    type: z.literal("public-key"),
    response: z
      .object({
        clientDataJSON: B64.min(16).max(4096),
        authenticatorData: B64.min(16).max(8192),
        signature: B64.min(16).max(1024),
        userHandle: B64.max(128).optional(),
      })
      .strict(),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
    clientExtensionResults: ClientExtensionResults,
  })
  .strict();

const Verified = z.object({ status: MfaStatusView }).strict();

export const GetMfaStatus = defineRoute({
  method: "GET",
  path: "/api/mfa/status",
  summary: "Second-factor state of the caller and this session",
  tag: "mfa",
  auth: "session",
  rate: "api",
  responses: { 200: MfaStatusView },
});

export const EnrolTotp = defineRoute({
  method: "POST",
  path: "/api/mfa/totp/enrol",
  summary: "Start TOTP enrolment: a new secret, shown once (otpauth URI and base32); replaces an unconfirmed one",
  tag: "mfa",
  auth: "session",
  rate: "auth",
  responses: {
    200: z
      .object({ secret: z.string().regex(/^[A-Z2-7]+=*$/), otpauthUri: z.string().startsWith("otpauth://totp/") })
      .strict(),
  },
});

export const ConfirmTotp = defineRoute({
  method: "POST",
  path: "/api/mfa/totp/confirm",
  summary: "Finish TOTP enrolment with a current code; satisfies a pending session",
  tag: "mfa",
  auth: "session",
  rate: "auth",
  body: z.object({ code: TotpCode }).strict(),
  responses: { 200: Verified },
});

export const VerifyTotp = defineRoute({
  method: "POST",
  path: "/api/mfa/totp/verify",
  summary: "Present a TOTP code (each code is accepted once); satisfies a pending session",
  tag: "mfa",
  auth: "session",
  rate: "auth",
  body: z.object({ code: TotpCode }).strict(),
  responses: { 200: Verified },
});

export const WebauthnRegisterOptions = defineRoute({
  method: "POST",
  path: "/api/mfa/webauthn/register/options",
  summary: "Options to create a passkey (RP ID and origin from PUBLIC_URL)",
  tag: "mfa",
  auth: "session",
  rate: "auth",
  responses: { 200: z.object({ options: WebauthnOptions }).strict() },
});

export const WebauthnRegisterVerify = defineRoute({
  method: "POST",
  path: "/api/mfa/webauthn/register/verify",
  summary: "Store a new passkey after verifying its attestation; satisfies a pending session",
  tag: "mfa",
  auth: "session",
  rate: "auth",
  body: z.object({ response: WebauthnRegistrationResponse }).strict(),
  responses: { 200: Verified },
});

export const WebauthnAuthenticateOptions = defineRoute({
  method: "POST",
  path: "/api/mfa/webauthn/authenticate/options",
  summary: "Options to sign in with one of the caller's passkeys",
  tag: "mfa",
  auth: "session",
  rate: "auth",
  responses: { 200: z.object({ options: WebauthnOptions }).strict() },
});

export const WebauthnAuthenticateVerify = defineRoute({
  method: "POST",
  path: "/api/mfa/webauthn/authenticate/verify",
  summary: "Verify a passkey assertion; satisfies a pending session",
  tag: "mfa",
  auth: "session",
  rate: "auth",
  body: z.object({ response: WebauthnAuthenticationResponse }).strict(),
  responses: { 200: Verified },
});

/** The only routes a session in state mfaPending may call. */
export const MFA_PENDING_ROUTES = [
  GetMfaStatus,
  EnrolTotp,
  ConfirmTotp,
  VerifyTotp,
  WebauthnRegisterOptions,
  WebauthnRegisterVerify,
  WebauthnAuthenticateOptions,
  WebauthnAuthenticateVerify,
] as const;
