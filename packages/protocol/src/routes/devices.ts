// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";
import { AccountView, KeyBundle } from "./auth";

/**
 * Device keys (docs/CRYPTO.md §5a). The browser keeps a non-extractable AES
 * key in IndexedDB; the server keeps the account master key wrapped under it
 * and gives the wrap only to a live session of the same account, so a reload
 * or a new tab opens the keys without the password. Staff opt in on the
 * account page (issue 3, item 10); a client answers "own device" at login or
 * sign-up (issue #15, item 4; ADR 0027): their wrap lives only as long as
 * that login and the organisation's idle limit for kept devices.
 */

/** Most devices one account may remember at a time. */
export const MAX_DEVICES_PER_ACCOUNT = 10;

/** A remembered device unused this long is forgotten by the hourly housekeeping. */
export const DEVICE_KEY_IDLE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * How long a client's kept device may stay idle before the password is needed
 * again, in minutes: the organisation chooses within these bounds (the
 * strictest of the client's organisations applies). The upper bound is the
 * client session's absolute limit, which a kept device never extends.
 */
export const KEPT_DEVICE_IDLE_MINUTES = { default: 720, min: 15, max: 720 } as const;

/** Exactly one device wrap: 3-byte header, 12-byte nonce, 32-byte key and 16-byte tag = 63 bytes = 84 base64url characters. */
export const DeviceWrap = B64.length(84);

export const DeviceView = z
  .object({
    id: Id,
    createdAt: z.number().int(),
    lastUsedAt: z.number().int(),
  })
  .strict()
  .meta({ id: "Device" });
export type DeviceView = z.infer<typeof DeviceView>;

const DeviceParams = z.object({ deviceId: Id }).strict();

export const RememberDevice = defineRoute({
  method: "POST",
  path: "/api/account/devices",
  summary:
    "Keep the master key wrapped for this browser's non-extractable device key (staff; clients on their own device)",
  tag: "account",
  auth: "session",
  rate: "api",
  body: z.object({ deviceId: Id, wrap: DeviceWrap }).strict(),
  responses: { 201: z.object({ device: DeviceView }).strict() },
});

export const ListDevices = defineRoute({
  method: "GET",
  path: "/api/account/devices",
  summary: "The caller's remembered devices (times only; no names, no user agents)",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: z.object({ devices: z.array(DeviceView) }).strict() },
});

export const UnlockWithDevice = defineRoute({
  method: "POST",
  path: "/api/account/devices/:deviceId/unlock",
  summary: "The device wrap and the key bundle, so this browser opens the keys after a reload without the password",
  tag: "account",
  auth: "session",
  rate: "api",
  params: DeviceParams,
  responses: { 200: z.object({ account: AccountView, keyBundle: KeyBundle, wrap: DeviceWrap }).strict() },
});

export const ForgetDevice = defineRoute({
  method: "DELETE",
  path: "/api/account/devices/:deviceId",
  summary: "Forget a remembered device (idempotent); its browser then needs the password again",
  tag: "account",
  auth: "session",
  rate: "api",
  params: DeviceParams,
  responses: { 204: z.null() },
});
