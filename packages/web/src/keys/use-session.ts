// SPDX-License-Identifier: AGPL-3.0-or-later
import { useSyncExternalStore } from "react";
import { getSession, isRestoring, subscribeSession, type AccountSession } from "./session-store";

/** The in-memory session; re-renders on login, logout and quick exit. */
export function useSession(): AccountSession | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}

/** True while a staff device key re-opens the keys after a reload (pages wait instead of saying "logged out"). */
export function useSessionRestoring(): boolean {
  return useSyncExternalStore(subscribeSession, isRestoring, isRestoring);
}
