// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  ConfirmNotifyEmail,
  DeleteMyNotifyEmail,
  GetMyNotifyEmail,
  SetMyNewEnquiryNotice,
  SetMyNotifyEmail,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// E-mail notices (ADR 0034); each literal is type-checked against the protocol definition (see api/client.ts).
export const getMyNotifyEmail: Endpoint<typeof GetMyNotifyEmail> = { method: "GET", path: "/api/account/notify-email" };
export const setMyNotifyEmail: Endpoint<typeof SetMyNotifyEmail> = { method: "PUT", path: "/api/account/notify-email" };
export const setMyNewEnquiryNotice: Endpoint<typeof SetMyNewEnquiryNotice> = {
  method: "PUT",
  path: "/api/account/notify-email/new-enquiry",
};
export const deleteMyNotifyEmail: Endpoint<typeof DeleteMyNotifyEmail> = {
  method: "DELETE",
  path: "/api/account/notify-email",
};
export const confirmNotifyEmail: Endpoint<typeof ConfirmNotifyEmail> = {
  method: "POST",
  path: "/api/notify-email/confirm",
};
