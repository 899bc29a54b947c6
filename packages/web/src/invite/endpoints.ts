// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  ConfirmTotp,
  EnrolTotp,
  GetMfaStatus,
  InvitationRegisterFinish,
  InvitationRegisterStart,
  VerifyInvitation,
  VerifyTotp,
  WebauthnAuthenticateOptions,
  WebauthnAuthenticateVerify,
  WebauthnRegisterOptions,
  WebauthnRegisterVerify,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Each literal is type-checked against the protocol definition (see api/client.ts).
export const invitationVerify: Endpoint<typeof VerifyInvitation> = {
  method: "POST",
  path: "/api/invitations/verify",
};
export const invitationRegisterStart: Endpoint<typeof InvitationRegisterStart> = {
  method: "POST",
  path: "/api/invitations/register/start",
};
export const invitationRegisterFinish: Endpoint<typeof InvitationRegisterFinish> = {
  method: "POST",
  path: "/api/invitations/register/finish",
};
export const mfaStatus: Endpoint<typeof GetMfaStatus> = { method: "GET", path: "/api/mfa/status" };
export const totpEnrol: Endpoint<typeof EnrolTotp> = { method: "POST", path: "/api/mfa/totp/enrol" };
export const totpConfirm: Endpoint<typeof ConfirmTotp> = { method: "POST", path: "/api/mfa/totp/confirm" };
export const totpVerify: Endpoint<typeof VerifyTotp> = { method: "POST", path: "/api/mfa/totp/verify" };
export const passkeyRegisterOptions: Endpoint<typeof WebauthnRegisterOptions> = {
  method: "POST",
  path: "/api/mfa/webauthn/register/options",
};
export const passkeyRegisterVerify: Endpoint<typeof WebauthnRegisterVerify> = {
  method: "POST",
  path: "/api/mfa/webauthn/register/verify",
};
export const passkeyAuthOptions: Endpoint<typeof WebauthnAuthenticateOptions> = {
  method: "POST",
  path: "/api/mfa/webauthn/authenticate/options",
};
export const passkeyAuthVerify: Endpoint<typeof WebauthnAuthenticateVerify> = {
  method: "POST",
  path: "/api/mfa/webauthn/authenticate/verify",
};
