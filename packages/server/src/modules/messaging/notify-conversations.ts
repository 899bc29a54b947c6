// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";

/**
 * Bus topic of staff chats just started. Every node receives every event and hands a `conversation_added` frame
 * to the sockets of the listed accounts it holds (realtime/socket.ts), so a chat someone else started appears in
 * the members' lists at once, on whichever node they are connected. Ids only; a lost event is repaired by the
 * next time the list is loaded.
 */
export const CONVERSATIONS_TOPIC = "conversations";

export function publishConversationAdded(
  ctx: AppContext,
  event: { conversationId: string; kind: "team" | "direct"; accountIds: readonly string[] },
): void {
  ctx.bus
    .publish(CONVERSATIONS_TOPIC, {
      type: "conversation_added",
      conversationId: event.conversationId,
      kind: event.kind,
      accountIds: [...new Set(event.accountIds)],
    })
    .catch((err: Error) => ctx.logger.warn({ err: { name: err.name } }, "could not publish a new conversation"));
}
