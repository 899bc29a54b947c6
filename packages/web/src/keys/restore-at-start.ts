// SPDX-License-Identifier: AGPL-3.0-or-later
import { deviceDatabaseExists } from "./device-presence";
import { setRestoring } from "./session-store";

/**
 * On page load: if this browser holds a device key (staff opt-in, or a
 * client's own device, ADR 0027), mark the session as "restoring" before the
 * first render (so no page says "logged out" for a moment, and the page the
 * person was on opens again) and re-open the keys in the background. Browsers
 * without the database — every shared device — load nothing more.
 */
export async function beginDeviceRestore(): Promise<void> {
  if (!(await deviceDatabaseExists())) return;
  setRestoring(true);
  void import("./remembered-device")
    .then(({ restoreFromDevice }) => restoreFromDevice())
    .catch(() => null)
    .finally(() => setRestoring(false));
}
