// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AccountKeys } from "@obhut/crypto";
import type { AccountView } from "@obhut/protocol";
import { onQuickExit } from "../components/quick-exit";
import { wipeDeviceRecordNow } from "./device-presence";

/**
 * The logged-in account and its private keys, in memory only. Nothing here is
 * ever written to localStorage, sessionStorage, IndexedDB or Cache Storage:
 * on a shared or seized device there is nothing to find once the tab is
 * closed, and a reload simply means "log in again" (issue 3, item 10: client
 * keys are not persisted by default). Staff may opt in to a non-extractable
 * device key (remembered-device.ts), and a client may answer "my own device"
 * at login (ADR 0027); it re-opens the keys after a reload while the session
 * lasts; `restoring` is true while that happens.
 */
export interface AccountSession {
  readonly account: AccountView;
  readonly keys: AccountKeys;
}

type Listener = () => void;

let current: AccountSession | null = null;
let restoring = false;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function getSession(): AccountSession | null {
  return current;
}

export function setSession(session: AccountSession): void {
  if (current && current !== session) wipeKeys(current.keys);
  current = session;
  notify();
}

/**
 * Forgets the session and overwrites the key bytes we hold. JavaScript gives
 * no guarantee that no copy survives elsewhere in the heap (WebCrypto key
 * caches, strings), so this is best effort; dropping every reference is what
 * matters for the garbage collector.
 */
export function clearSession(): void {
  if (!current) return;
  wipeKeys(current.keys);
  current = null;
  notify();
}

export function isRestoring(): boolean {
  return restoring;
}

export function setRestoring(value: boolean): void {
  if (restoring === value) return;
  restoring = value;
  notify();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function wipeKeys(keys: AccountKeys): void {
  keys.masterKey.fill(0);
  keys.signing.secretKey.fill(0);
  keys.encryption.secretKey.fill(0);
}

// Quick exit wipes the keys (and a kept device key with a client's drafts) before it navigates away.
onQuickExit(clearSession);
onQuickExit(wipeDeviceRecordNow);
