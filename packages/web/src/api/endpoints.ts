// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  CurrentSession,
  LoginFinish,
  LoginStart,
  Logout,
  RegisterFinish,
  RegisterStart,
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
