// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetMyNotificationRules, PutMyNotificationRules } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// A person's rules for notices (ADR 0044); each literal is type-checked against the protocol definition.
export const getMyNotificationRules: Endpoint<typeof GetMyNotificationRules> = {
  method: "GET",
  path: "/api/account/notification-rules",
};
export const putMyNotificationRules: Endpoint<typeof PutMyNotificationRules> = {
  method: "PUT",
  path: "/api/account/notification-rules",
};
