// SPDX-License-Identifier: AGPL-3.0-or-later
import { deviceDatabaseExists } from "./device-presence";
import { DRAFTS, loadDeviceRecord, openDeviceDb, type DeviceRecord } from "./device-store";

/**
 * A client's unsent text on their own device (issue #15, item 4; ADR 0027):
 * AES-256-GCM (WebCrypto) under the device record's non-extractable draft
 * key, a fresh random 96-bit nonce per save, the account and the draft's key
 * as associated data (a ciphertext moved to another draft or account does not
 * open). Only where the person answered "my own device"; on a shared device
 * there is no record and drafts stay in memory. The whole database goes on
 * logout, quick exit, "forget" and the end of the login; a sent text is
 * deleted at once.
 */

interface StoredDraft {
  nonce: Uint8Array;
  ciphertext: ArrayBuffer;
}

const encoder = new TextEncoder();

function associatedData(accountId: string, draftKey: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`obhut draft v1\u0000${accountId}\u0000${draftKey}`);
}

/** The record's draft key if drafts may be kept here for this account. */
async function draftKeyFor(accountId: string): Promise<CryptoKey | null> {
  if (!(await deviceDatabaseExists())) return null;
  const record: DeviceRecord | null = await loadDeviceRecord();
  if (!record || record.accountId !== accountId || !record.login) return null;
  const key = record.draftKey;
  return key instanceof CryptoKey && !key.extractable ? key : null;
}

/** Whether this browser keeps the account's drafts (its own device, kept at login). */
export async function keepsDrafts(accountId: string): Promise<boolean> {
  return (await draftKeyFor(accountId)) !== null;
}

/** Saves the draft encrypted; an empty text deletes it. False when this device keeps no drafts. */
export async function saveKeptDraft(accountId: string, draftKey: string, text: string): Promise<boolean> {
  const key = await draftKeyFor(accountId);
  if (!key) return false;
  const db = await openDeviceDb();
  try {
    if (text === "") {
      await db.delete(DRAFTS, draftKey);
      return true;
    }
    const nonce = crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv: nonce, additionalData: associatedData(accountId, draftKey) },
      key,
      encoder.encode(text),
    );
    await db.put(DRAFTS, { nonce, ciphertext } satisfies StoredDraft, draftKey);
    return true;
  } finally {
    db.close();
  }
}

/** The kept draft, or null (none, not this account's, or it does not open: then it is deleted). */
export async function loadKeptDraft(accountId: string, draftKey: string): Promise<string | null> {
  const key = await draftKeyFor(accountId);
  if (!key) return null;
  const db = await openDeviceDb();
  try {
    const stored = (await db.get(DRAFTS, draftKey)) as StoredDraft | undefined;
    if (!stored) return null;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: new Uint8Array(stored.nonce), additionalData: associatedData(accountId, draftKey) },
        key,
        stored.ciphertext,
      );
      return new TextDecoder().decode(plain);
    } catch {
      await db.delete(DRAFTS, draftKey);
      return null;
    }
  } finally {
    db.close();
  }
}
