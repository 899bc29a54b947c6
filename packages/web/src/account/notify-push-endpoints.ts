// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  AddMyPushSubscription,
  DeleteMyPushSubscription,
  GetMyNotifications,
  GetMyPushSubscriptions,
  MarkMyNotificationsRead,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Web Push and the staff bell (ADR 0038); each literal is type-checked against the protocol definition.
export const getMyPushSubscriptions: Endpoint<typeof GetMyPushSubscriptions> = {
  method: "GET",
  path: "/api/account/push-subscriptions",
};
export const addMyPushSubscription: Endpoint<typeof AddMyPushSubscription> = {
  method: "POST",
  path: "/api/account/push-subscriptions",
};
export const deleteMyPushSubscription: Endpoint<typeof DeleteMyPushSubscription> = {
  method: "DELETE",
  path: "/api/account/push-subscriptions/:id",
};
export const getMyNotifications: Endpoint<typeof GetMyNotifications> = {
  method: "GET",
  path: "/api/account/notifications",
};
export const markMyNotificationsRead: Endpoint<typeof MarkMyNotificationsRead> = {
  method: "POST",
  path: "/api/account/notifications/read",
};
