// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  CurrentSession,
  GetDisplayName,
  LoginFinish,
  LoginStart,
  Logout,
  PasswordChangeFinish,
  PasswordChangeStart,
  PutRecoveryWrap,
  RecoveryFinish,
  RecoveryRegisterStart,
  RecoveryStart,
  RegisterFinish,
  RegisterStart,
  ListSessions,
  RevokeOtherSessions,
  RevokeSession,
  SetupVerify,
  Version,
} from "@obhut/protocol";
import type { Endpoint } from "./client";

// Each literal is type-checked against the protocol definition (see client.ts).
export const setupVerify: Endpoint<typeof SetupVerify> = { method: "POST", path: "/api/setup/verify" };
export const logout: Endpoint<typeof Logout> = { method: "POST", path: "/api/auth/logout" };
export const version: Endpoint<typeof Version> = { method: "GET", path: "/api/version" };
export const registerStart: Endpoint<typeof RegisterStart> = { method: "POST", path: "/api/auth/register/start" };
export const registerFinish: Endpoint<typeof RegisterFinish> = { method: "POST", path: "/api/auth/register/finish" };
export const loginStart: Endpoint<typeof LoginStart> = { method: "POST", path: "/api/auth/login/start" };
export const loginFinish: Endpoint<typeof LoginFinish> = { method: "POST", path: "/api/auth/login/finish" };
export const currentSession: Endpoint<typeof CurrentSession> = { method: "GET", path: "/api/auth/session" };
/** The staff display name (the staff shell shows it; the account page changes it). */
export const getDisplayName: Endpoint<typeof GetDisplayName> = { method: "GET", path: "/api/account/display-name" };

// Getting back in with the recovery code, and changing the secrets while logged in (auth/account-secrets.ts).
export const recoveryStart: Endpoint<typeof RecoveryStart> = { method: "POST", path: "/api/auth/recovery/start" };
export const recoveryRegisterStart: Endpoint<typeof RecoveryRegisterStart> = {
  method: "POST",
  path: "/api/auth/recovery/register-start",
};
export const recoveryFinish: Endpoint<typeof RecoveryFinish> = { method: "POST", path: "/api/auth/recovery/finish" };
export const passwordChangeStart: Endpoint<typeof PasswordChangeStart> = {
  method: "POST",
  path: "/api/account/password/start",
};
export const passwordChangeFinish: Endpoint<typeof PasswordChangeFinish> = {
  method: "POST",
  path: "/api/account/password/finish",
};
export const putRecoveryWrap: Endpoint<typeof PutRecoveryWrap> = { method: "PUT", path: "/api/account/recovery-wrap" };

// The account's open logins (account page, "Angemeldete Geräte").
export const listSessions: Endpoint<typeof ListSessions> = { method: "GET", path: "/api/sessions" };
export const revokeSession: Endpoint<typeof RevokeSession> = { method: "DELETE", path: "/api/sessions/:sessionId" };
export const revokeOtherSessions: Endpoint<typeof RevokeOtherSessions> = {
  method: "POST",
  path: "/api/sessions/revoke-others",
};
