// SPDX-License-Identifier: AGPL-3.0-or-later
import { deleteDB, openDB } from "idb";
import { DEVICE_DB, deviceDatabaseExists } from "./device-presence";

/**
 * The one IndexedDB database Obhut may create: a kept device key
 * (docs/CRYPTO.md §5a) — a staff member's opt-in, or a client's answer "my
 * own device" at login (ADR 0027) — and, for clients, their unsent drafts
 * encrypted under a second non-extractable key (kept-drafts.ts). It holds
 * CryptoKeys, ids and ciphertext, never key bytes or readable text. Nothing
 * creates it on a shared device; logout, quick exit and the end of the login
 * delete it.
 */
const STORE = "device";
const RECORD = "current";
export const DRAFTS = "drafts";

export interface DeviceRecord {
  accountId: string;
  deviceId: string;
  /** AES-256-GCM, `extractable: false`: usable by this origin's script, never readable as bytes. */
  key: CryptoKey;
  /** A client's kept device: it ends with the login that kept it, so a refused unlock deletes it here too. */
  login?: boolean;
  /** A client's drafts are encrypted under this (AES-256-GCM, not extractable); staff records have none. */
  draftKey?: CryptoKey;
}

export function openDeviceDb() {
  return openDB(DEVICE_DB, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore(STORE);
      if (oldVersion < 2) db.createObjectStore(DRAFTS);
    },
  });
}
const open = openDeviceDb;

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
