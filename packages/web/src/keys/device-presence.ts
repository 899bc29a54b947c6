// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The cheap checks on a staff device key that every page load may make
 * (kept apart from device-store.ts so the main chunk does not carry `idb`).
 */
export const DEVICE_DB = "obhut-device";

/** Whether remembering works here: it needs `indexedDB.databases()` to look without creating anything. */
export function deviceStorageSupported(): boolean {
  return typeof indexedDB !== "undefined" && typeof indexedDB.databases === "function";
}

/**
 * Whether the database exists, without creating it (opening would). Browsers
 * without `indexedDB.databases()` (Firefox before 126) answer "no": staff
 * there log in again after a reload, as everyone does by default.
 */
export async function deviceDatabaseExists(): Promise<boolean> {
  try {
    if (!deviceStorageSupported()) return false;
    return (await indexedDB.databases()).some((db) => db.name === DEVICE_DB);
  } catch {
    return false;
  }
}

/**
 * For quick exit, which cannot wait: asks the browser to delete the database
 * now; the request completes in the background (no connection of ours stays
 * open to block it).
 */
export function wipeDeviceRecordNow(): void {
  try {
    if (typeof indexedDB !== "undefined") indexedDB.deleteDatabase(DEVICE_DB);
  } catch {
    // IndexedDB blocked (private mode in some browsers): there is nothing to delete then.
  }
}
