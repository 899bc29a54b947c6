// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";
import { StaffNotificationKind } from "./staff-notifications";

/**
 * Web Push (issue #17, ADR 0038). A person subscribes a browser on one of
 * their kept devices (never a shared one); the server sends it a push
 * without content — the service worker shows a neutral text and opens the
 * app. Subscriptions are listed per device and can be removed; logging out
 * and quick exit remove the one of that login.
 */

/** An RFC 8030 push endpoint: https only, printable ASCII, bounded. Which hosts are allowed is the server's setting. */
export const PushEndpoint = z
  .string()
  .max(1024)
  .regex(/^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?\/[\x21-\x7e]*$/, "must be an https push endpoint");

export const PushSubscriptionView = z
  .object({
    id: Id,
    /** The push service's host (e.g. fcm.googleapis.com): the part of the endpoint that tells devices apart for people. */
    service: z.string(),
    createdAt: z.number().int(),
    lastSentAt: z.number().int().nullable(),
    /** Made by the session asking. */
    thisLogin: z.boolean(),
  })
  .strict()
  .meta({ id: "PushSubscription" });
export type PushSubscriptionView = z.infer<typeof PushSubscriptionView>;

export const PushSubscriptionsView = z
  .object({
    /** The server's VAPID public key (RFC 8292, base64url): the browser's applicationServerKey. */
    publicKey: z.string(),
    /** False when the organisation switched push notices off (ADR 0044): the page offers no switch. */
    available: z.boolean(),
    subscriptions: z.array(PushSubscriptionView),
  })
  .strict()
  .meta({ id: "PushSubscriptions" });
export type PushSubscriptionsView = z.infer<typeof PushSubscriptionsView>;

export const GetMyPushSubscriptions = defineRoute({
  method: "GET",
  path: "/api/account/push-subscriptions",
  summary: "My browsers' push subscriptions and the server's VAPID public key",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: PushSubscriptionsView },
});

export const AddMyPushSubscription = defineRoute({
  method: "POST",
  path: "/api/account/push-subscriptions",
  summary: "Subscribe this browser (on a kept device of mine) to content-free push notices",
  tag: "account",
  auth: "session",
  rate: "api",
  body: z
    .object({
      /** The kept device (device key) this browser holds: push is for one's own device only. */
      deviceId: Id,
      endpoint: PushEndpoint,
      keys: z
        .object({
          /** Uncompressed P-256 public key, 65 bytes. */
          p256dh: B64.length(87),
          /** Auth secret, 16 bytes. */
          auth: B64.length(22),
        })
        .strict(),
    })
    .strict(),
  responses: { 200: PushSubscriptionsView },
});

export const DeleteMyPushSubscription = defineRoute({
  method: "DELETE",
  path: "/api/account/push-subscriptions/:id",
  summary: "Remove one of my push subscriptions; nothing is pushed to it after this",
  tag: "account",
  auth: "session",
  rate: "api",
  params: z.object({ id: Id }).strict(),
  responses: { 200: PushSubscriptionsView },
});

/**
 * What the service worker receives: a kind (its notification tag) and the page to open; never content, names or
 * ids. The words it shows ("Neue Nachricht in Obhut") are its own, in the browser's language.
 */
export const PushPayload = z
  .object({
    kind: z.enum([
      "new_answer",
      /** Staff: the bell's kinds (its list is the one source). */
      ...StaffNotificationKind.options,
      /** Notices held back by quiet hours, merged into one when they end (ADR 0041). */
      "digest",
    ]),
    /** The app page to open on tap: "/" for clients, "/staff" for staff. */
    path: z.enum(["/", "/staff"]),
  })
  .strict();
export type PushPayload = z.infer<typeof PushPayload>;
