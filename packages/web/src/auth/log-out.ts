// SPDX-License-Identifier: AGPL-3.0-or-later
import { api as defaultApi, type ApiClient } from "../api/client";
import { logout } from "../api/endpoints";
import { deviceDatabaseExists } from "../keys/device-presence";
import { clearSession } from "../keys/session-store";

/** Wipes the keys first (that must never wait for the network), then ends the server session. */
export async function logOut(deps: { api?: ApiClient } = {}): Promise<void> {
  clearSession();
  const api = deps.api ?? defaultApi;
  // A remembered device (staff opt-in) is forgotten too: its wrap on the server while the session lasts, then the key.
  if (await deviceDatabaseExists()) {
    const { forgetThisDevice } = await import("../keys/remembered-device");
    await forgetThisDevice(api).catch(() => {});
  }
  await api.request(logout).catch(() => {
    // Offline: the keys are gone already; the session cookie expires on its own.
  });
}
