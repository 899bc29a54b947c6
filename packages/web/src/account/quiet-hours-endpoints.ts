// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetMyQuietHours, ListDeadLetters, PutMyQuietHours, RetryDeadLetter } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Quiet hours and dead letters (ADR 0041); each literal is type-checked against the protocol definition.
export const getMyQuietHours: Endpoint<typeof GetMyQuietHours> = { method: "GET", path: "/api/account/quiet-hours" };
export const putMyQuietHours: Endpoint<typeof PutMyQuietHours> = { method: "PUT", path: "/api/account/quiet-hours" };
export const listDeadLetters: Endpoint<typeof ListDeadLetters> = {
  method: "GET",
  path: "/api/organisations/:orgId/dead-letters",
};
export const retryDeadLetter: Endpoint<typeof RetryDeadLetter> = {
  method: "POST",
  path: "/api/organisations/:orgId/dead-letters/:letterId/retry",
};
