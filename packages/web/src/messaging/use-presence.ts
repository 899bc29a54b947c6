// SPDX-License-Identifier: AGPL-3.0-or-later
import { useSyncExternalStore } from "react";
import type { PeerPresence, RealtimeClient } from "./realtime";

/**
 * The presence the server shows this session, re-rendering on every change.
 * Only peers of subscribed conversations appear, and only where the
 * organisation allows it; an account missing from the map is unknown, which
 * the UI treats like offline.
 */
export function usePresence(realtime: RealtimeClient): ReadonlyMap<string, PeerPresence> {
  return useSyncExternalStore(
    (onChange) => realtime.onPresence(onChange),
    () => realtime.peers,
  );
}
