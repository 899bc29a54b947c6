// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ResetFinish, ResetRegisterStart, VerifyAccountReset } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Each literal is type-checked against the protocol definition (see api/client.ts).
export const resetVerify: Endpoint<typeof VerifyAccountReset> = { method: "POST", path: "/api/auth/reset/verify" };
export const resetRegisterStart: Endpoint<typeof ResetRegisterStart> = {
  method: "POST",
  path: "/api/auth/reset/start",
};
export const resetFinish: Endpoint<typeof ResetFinish> = { method: "POST", path: "/api/auth/reset/finish" };
