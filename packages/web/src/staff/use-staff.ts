// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useMemo, useState } from "react";
import { useSession } from "../keys/use-session";
import { messagingFor, type MessagingSession, type RealtimeStatus } from "../messaging";
import type { StaffKeyring } from "../messaging/team-keys";
import { staffKeyringFor } from "../counsellor/staff-keys";

export type StaffState =
  | { kind: "logged-out" }
  | { kind: "not-staff" }
  | { kind: "ready"; messaging: MessagingSession; ring: StaffKeyring; accountId: string; orgId: string };

/** The staff member's messaging session and key ring, or why there is none (keys live in memory only). */
export function useStaff(): StaffState {
  const session = useSession();
  return useMemo((): StaffState => {
    if (!session) return { kind: "logged-out" };
    const orgId = session.account.organisationId;
    if (session.account.kind !== "staff" || !orgId) return { kind: "not-staff" };
    const messaging = messagingFor(session);
    return { kind: "ready", messaging, ring: staffKeyringFor(messaging), accountId: session.account.id, orgId };
  }, [session]);
}

/** The realtime connection's state, for an "offline" hint. */
export function useLiveStatus(messaging: MessagingSession | null): RealtimeStatus {
  const [status, setStatus] = useState<RealtimeStatus>(messaging?.realtime.status ?? "offline");
  useEffect(() => {
    if (!messaging) return;
    setStatus(messaging.realtime.status);
    return messaging.realtime.onStatus(setStatus);
  }, [messaging]);
  return status;
}

// Kept here for the pages that import it from the staff kit; the one definition is the request hook's.
export { errorCode } from "../api/use-action";
