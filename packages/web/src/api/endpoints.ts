// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Logout, SetupVerify, Version } from "@obhut/protocol";
import type { Endpoint } from "./client";

// Each literal is type-checked against the protocol definition (see client.ts).
export const setupVerify: Endpoint<typeof SetupVerify> = { method: "POST", path: "/api/setup/verify" };
export const logout: Endpoint<typeof Logout> = { method: "POST", path: "/api/auth/logout" };
export const version: Endpoint<typeof Version> = { method: "GET", path: "/api/version" };
