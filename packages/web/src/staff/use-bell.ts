// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect } from "react";
import { api } from "../api/client";
import { useLoad } from "../api/use-action";
import { getMyNotifications } from "../account/notify-push-endpoints";
import { useSession } from "../keys/use-session";
import { messagingFor } from "../messaging/session";
import { useOnStaffPage } from "./way-in";

const BELL_CHANGED = "obhut:bell-changed";

/** Tells every bell on the page (the shell's count, the page's list) to read again: entries were marked read. */
export function bellChanged(): void {
  window.dispatchEvent(new Event(BELL_CHANGED));
}

/** Roles with a bell (the server's `staff_notifications.own`). */
export function hasBell(role: string | undefined): boolean {
  return role === "counsellor" || role === "team_lead" || role === "dpo" || role === "org_admin";
}

/**
 * The staff bell's entries (ADR 0038), read again whenever a case frame
 * arrives over the WebSocket: every bell event except break-glass also
 * changes a case the person sees, so the count follows live without a frame
 * of its own; break-glass shows at the next load.
 */
export function useBell() {
  const session = useSession();
  // Not on the way in (/mfa, /staff …): the session may still owe its second factor, and the server answers
  // nothing else there (way-in.ts), as for the shell's other requests.
  const onStaffPage = useOnStaffPage();
  const enabled = hasBell(session?.account.role) && onStaffPage;
  const bell = useLoad(
    async (signal) => (enabled ? api.request(getMyNotifications, { signal }) : null),
    [enabled, session?.account.id],
  );
  const { reload } = bell;
  useEffect(() => {
    if (!session || !enabled) return undefined;
    const again = () => void reload().catch(() => {});
    window.addEventListener(BELL_CHANGED, again);
    const stop = messagingFor(session).realtime.onCase(again);
    return () => {
      window.removeEventListener(BELL_CHANGED, again);
      stop();
    };
  }, [session, enabled, reload]);
  return bell;
}
