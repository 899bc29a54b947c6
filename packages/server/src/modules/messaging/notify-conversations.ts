// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";

/**
 * Bus topic of staff chats that changed in their members' lists: started, or given their title. Every node
 * receives every event and hands a `conversation_updated` frame to the sockets of the listed accounts it holds
 * (realtime/socket.ts), so the chat appears in the members' lists at once, on whichever node they are connected.
 * Ids only; a lost event is repaired by the next time the list is loaded.
 */
export const CONVERSATIONS_TOPIC = "conversations";

export function publishConversationUpdated(
  ctx: AppContext,
  event: {
    conversationId: string;
    kind: "team" | "direct";
    change: "added" | "title";
    accountIds: readonly string[];
  },
): void {
  ctx.bus
    .publish(CONVERSATIONS_TOPIC, {
      type: "conversation_updated",
      conversationId: event.conversationId,
      kind: event.kind,
      change: event.change,
      accountIds: [...new Set(event.accountIds)],
    })
    .catch((err: Error) => ctx.logger.warn({ err: { name: err.name } }, "could not publish a chat's change"));
}
