// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  createDeviceKey,
  fromBase64Url,
  parseKeyBundle,
  randomBytes,
  restoreAccountKeys,
  toBase64Url,
  wrapMasterKeyForDevice,
} from "@obhut/crypto";
import type { DeviceView, ForgetDevice, ListDevices, RememberDevice, UnlockWithDevice } from "@obhut/protocol";
import { api as defaultApi, ApiError, type ApiClient, type Endpoint } from "../api/client";
import { loadDeviceRecord, saveDeviceRecord, wipeDeviceRecord } from "./device-store";
import { setSession, type AccountSession } from "./session-store";

/**
 * "Keep my keys on this device" (CRYPTO.md §5a): staff opt in on the account
 * page (issue 3, item 10); a client answers "my own device" at login or
 * sign-up (issue #15, item 4; ADR 0027). This browser keeps a
 * non-extractable AES key; the server keeps the master key wrapped under it
 * and hands the wrap only to this account's live session — for a client only
 * to the very login that kept it. A reload or a new tab then opens the keys
 * without the password.
 */

const rememberDevice: Endpoint<typeof RememberDevice> = { method: "POST", path: "/api/account/devices" };
const listDevices: Endpoint<typeof ListDevices> = { method: "GET", path: "/api/account/devices" };
const unlockWithDevice: Endpoint<typeof UnlockWithDevice> = {
  method: "POST",
  path: "/api/account/devices/:deviceId/unlock",
};
const forgetDevice: Endpoint<typeof ForgetDevice> = { method: "DELETE", path: "/api/account/devices/:deviceId" };

export async function rememberThisDevice(session: AccountSession, api: ApiClient = defaultApi): Promise<DeviceView> {
  // Replace an older record of this browser (another account's, or one the server forgot).
  await forgetThisDevice(api);
  const key = await createDeviceKey();
  const deviceId = toBase64Url(randomBytes(16));
  const wrap = await wrapMasterKeyForDevice(session.keys.masterKey, key, { accountId: session.account.id, deviceId });
  const { device } = await api.request(rememberDevice, { body: { deviceId, wrap: toBase64Url(wrap) } });
  const client = session.account.kind === "client";
  // A client's drafts get their own key: the wrapping key only ever encrypts the master key.
  const extra = client ? { login: true, draftKey: await createDeviceKey() } : {};
  await saveDeviceRecord({ accountId: session.account.id, deviceId, key, ...extra });
  return device;
}

/**
 * A client's answer at login or sign-up: on their own device the keys are
 * kept for this login; on a shared one whatever an earlier login kept here
 * is deleted, so nothing readable stays. Never fails the login: if keeping
 * does not work, the person simply logs in again after a reload.
 */
export async function applyDeviceChoice(
  session: AccountSession,
  own: boolean,
  api: ApiClient = defaultApi,
): Promise<boolean> {
  try {
    if (own) {
      await rememberThisDevice(session, api);
      return true;
    }
    await forgetThisDevice(api);
  } catch {
    await wipeDeviceRecord().catch(() => {});
  }
  return false;
}

/** Forgets this browser: the server's wrap (best effort; it also expires) and the local key. */
export async function forgetThisDevice(api: ApiClient = defaultApi): Promise<void> {
  const record = await loadDeviceRecord();
  if (!record) return;
  await api.request(forgetDevice, { params: { deviceId: record.deviceId } }).catch(() => {});
  await wipeDeviceRecord();
}

/** Forgets another of the account's devices (from the list on the account page). */
export async function forgetOtherDevice(deviceId: string, api: ApiClient = defaultApi): Promise<void> {
  await api.request(forgetDevice, { params: { deviceId } });
}

export interface DeviceStatus {
  /** The id of this browser's device, if the account remembers it. */
  thisDeviceId: string | null;
  devices: DeviceView[];
}

export async function deviceStatus(accountId: string, api: ApiClient = defaultApi): Promise<DeviceStatus> {
  const [record, { devices }] = await Promise.all([loadDeviceRecord(), api.request(listDevices)]);
  const mine = record && record.accountId === accountId && devices.some((d) => d.id === record.deviceId);
  return { thisDeviceId: mine ? record.deviceId : null, devices };
}

/**
 * After a reload: opens the keys with this browser's device key if the
 * session cookie is still valid. Returns null (and the person logs in as
 * usual) when there is no record, no session, or the device was forgotten —
 * in the last case, and whenever the wrap does not open, the local key is
 * deleted too.
 */
export async function restoreFromDevice(api: ApiClient = defaultApi): Promise<AccountSession | null> {
  const record = await loadDeviceRecord();
  if (!record) return null;
  let answer: Awaited<ReturnType<typeof unlockOnServer>>;
  try {
    answer = await unlockOnServer(api, record.deviceId);
  } catch (error) {
    // 401/403: no (complete) session yet — staff keep the key for after the next login. 404: forgotten.
    // A client's key belongs to one login: once that is over (or refused) it can never open again.
    if (error instanceof ApiError && (error.code === "not_found" || (record.login && error.status === 401)))
      await wipeDeviceRecord();
    return null;
  }
  // A session of another account (someone else logged in here since): not ours to open.
  if (answer.account.id !== record.accountId) return null;
  try {
    const keys = await restoreAccountKeys(parseKeyBundle(answer.keyBundle), {
      device: {
        key: record.key,
        wrap: fromBase64Url(answer.wrap),
        binding: { accountId: record.accountId, deviceId: record.deviceId },
      },
    });
    const session: AccountSession = { account: answer.account, keys };
    setSession(session);
    return session;
  } catch {
    // The wrap does not open under this key (changed, or keys were reset): start over with the password.
    await forgetThisDevice(api);
    return null;
  }
}

function unlockOnServer(api: ApiClient, deviceId: string) {
  return api.request(unlockWithDevice, { params: { deviceId } });
}
