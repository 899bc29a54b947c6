// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useLoad } from "../api/use-action";
import type { useConversation } from "../messaging";
import { staffCaseRotator } from "../messaging/staff-rotation";
import type { Ready } from "./case-types";
import { caseKeyContext } from "./staff-keys";

type Setup = NonNullable<Parameters<typeof useConversation>[2]>;

/**
 * The trust, key source and epoch rotator for one conversation of the case, once the org log is verified.
 * The rotator makes an owed epoch (ADR 0029) when the conversation opens or a send is refused for it.
 */
export function useKeySetup(staff: Ready, c: CaseView | null, conversationId: string | null): Setup | null {
  // ctxKey stands for the parts of the case the keys depend on (the client changes on a re-binding).
  const ctxKey = c ? `${c.id}/${c.teamId}/${c.clientId}/${c.notesConversationId ?? ""}` : "";
  const setup = useLoad(async (): Promise<Setup | null> => {
    if (!c || !conversationId) return null;
    const ctx = caseKeyContext(c);
    return {
      trust: await staff.ring.caseTrust(ctx, conversationId),
      keySource: staff.ring.caseKeySource(ctx),
      rotator: staffCaseRotator(staff.ring, ctx, conversationId, staff.messaging.api),
    };
  }, [staff.ring, ctxKey, conversationId]);
  return setup.kind === "ready" ? setup.value : null;
}
