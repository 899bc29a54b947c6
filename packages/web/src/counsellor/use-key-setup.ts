// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useLoad } from "../api/use-action";
import type { useConversation } from "../messaging";
import type { Ready } from "./case-types";
import { caseKeyContext } from "./staff-keys";

type Setup = NonNullable<Parameters<typeof useConversation>[2]>;

/** The trust and key source for one conversation of the case, once the org log is verified. */
export function useKeySetup(staff: Ready, c: CaseView | null, conversationId: string | null): Setup | null {
  // ctxKey stands for the parts of the case the keys depend on.
  const ctxKey = c ? `${c.id}/${c.teamId}/${c.notesConversationId ?? ""}` : "";
  const setup = useLoad(async (): Promise<Setup | null> => {
    if (!c || !conversationId) return null;
    const ctx = caseKeyContext(c);
    return { trust: await staff.ring.caseTrust(ctx, conversationId), keySource: staff.ring.caseKeySource(ctx) };
  }, [staff.ring, ctxKey, conversationId]);
  return setup.kind === "ready" ? setup.value : null;
}
