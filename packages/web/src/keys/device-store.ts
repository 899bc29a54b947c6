// SPDX-License-Identifier: AGPL-3.0-or-later
import { deleteDB, openDB } from "idb";
import { DEVICE_DB, deviceDatabaseExists } from "./device-presence";

/**
 * The one IndexedDB database Obhut may create: a staff member's opt-in
 * device key (issue 3, item 10; docs/CRYPTO.md §5a). It holds a
 * non-extractable CryptoKey and two ids, never key bytes. Nothing creates it
 * unless staff opt in, so a client's browser never has it; logout and quick
 * exit delete it.
 */
const STORE = "device";
const RECORD = "current";

export interface DeviceRecord {
  accountId: string;
  deviceId: string;
  /** AES-256-GCM, `extractable: false`: usable by this origin's script, never readable as bytes. */
  key: CryptoKey;
}

function open() {
  return openDB(DEVICE_DB, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });
}

export async function loadDeviceRecord(): Promise<DeviceRecord | null> {
  if (!(await deviceDatabaseExists())) return null;
  const db = await open();
  try {
    const record = (await db.get(STORE, RECORD)) as DeviceRecord | undefined;
    return record && record.key instanceof CryptoKey && !record.key.extractable ? record : null;
  } finally {
    db.close();
  }
}

export async function saveDeviceRecord(record: DeviceRecord): Promise<void> {
  const db = await open();
  try {
    await db.put(STORE, record, RECORD);
  } finally {
    db.close();
  }
}

/** Deletes the whole database (key and ids). */
export async function wipeDeviceRecord(): Promise<void> {
  await deleteDB(DEVICE_DB);
}
