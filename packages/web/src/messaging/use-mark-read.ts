// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect } from "react";
import type { UseConversation } from "./use-conversation";

/**
 * Moves the read marker while the conversation is on screen: when messages
 * arrive and when the tab is shown again. The marker drives unread counts;
 * the server tells the other side ("read") only where the organisation's
 * messaging policy shares receipts.
 */
export function useMarkRead(conversation: Pick<UseConversation, "snapshot" | "markRead">): void {
  const { markRead } = conversation;
  const count = conversation.snapshot.messages.length;
  useEffect(() => {
    if (count === 0) return;
    const mark = () => {
      if (document.visibilityState === "visible") markRead();
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [count, markRead]);
}
