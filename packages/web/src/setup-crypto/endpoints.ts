// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetOrgLog, SetupFinish, SetupRegisterStart } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Checked by tsc against the protocol's method and path literals (see api/client.ts).
export const setupRegisterStart: Endpoint<typeof SetupRegisterStart> = {
  method: "POST",
  path: "/api/setup/register/start",
};
export const setupFinish: Endpoint<typeof SetupFinish> = { method: "POST", path: "/api/setup/finish" };
export const orgLog: Endpoint<typeof GetOrgLog> = { method: "GET", path: "/api/organisations/:orgId/log" };
