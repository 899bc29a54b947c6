// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";
import { usePresence } from "../messaging";
import type { Member, Ready } from "./case-types";

/**
 * A colleague's name with their presence as text ("anna – online"), so it
 * does not rest on colour. The server sends presence only for members of the
 * case's conversations and only where the organisation shares it among staff.
 */
export function useMemberLabel(staff: Ready): (m: Member) => string {
  const { t } = useT();
  const presence = usePresence(staff.messaging.realtime);
  return (m) => {
    const state = presence.get(m.accountId);
    return state === "online" || state === "away" ? t(`caseView.presence.${state}`, { name: m.username }) : m.username;
  };
}
