// SPDX-License-Identifier: AGPL-3.0-or-later
import { useSyncExternalStore } from "react";
import { getSession, subscribeSession, type AccountSession } from "./session-store";

/** The in-memory session; re-renders on login, logout and quick exit. */
export function useSession(): AccountSession | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
