// SPDX-License-Identifier: AGPL-3.0-or-later
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { SealedFile } from "./attachments";
import type { ConversationSnapshot, ConversationStore } from "./conversation";
import type { ConversationTrust, EpochKeySource } from "./epochs";
import { type MessagingSession, openConversation } from "./session";

const EMPTY: ConversationSnapshot = {
  status: "loading",
  loadError: null,
  live: "connecting",
  messages: [],
  outbox: [],
  hasOlder: false,
};
const noop = () => () => {};

export interface UseConversation {
  snapshot: ConversationSnapshot;
  send: (text: string, files?: SealedFile[]) => Promise<void>;
  retry: (clientMsgId: string) => Promise<void>;
  discard: (clientMsgId: string) => void;
  loadOlder: () => Promise<void>;
  markRead: () => void;
}

/**
 * One conversation, decrypted and live, for a component. Pass `null` for
 * `setup` until the trust (verified org log) is ready. The store is created
 * per conversation id and stopped on unmount; the session-wide parts
 * (socket, epoch memory) outlive it.
 */
export function useConversation(
  messaging: MessagingSession | null,
  conversationId: string | null,
  setup: { trust: ConversationTrust; keySource?: EpochKeySource } | null,
): UseConversation {
  const [store, setStore] = useState<ConversationStore | null>(null);

  useEffect(() => {
    if (!messaging || !conversationId || !setup) return;
    const created = openConversation(messaging, {
      conversationId,
      trust: setup.trust,
      ...(setup.keySource ? { keySource: setup.keySource } : {}),
    });
    setStore(created);
    void created.start();
    return () => {
      created.stop();
      setStore(null);
    };
  }, [messaging, conversationId, setup]);

  const snapshot = useSyncExternalStore(
    store ? store.subscribe : noop,
    store ? store.getSnapshot : () => EMPTY,
    store ? store.getSnapshot : () => EMPTY,
  );

  const send = useCallback(
    (text: string, files?: SealedFile[]) => (store ? store.send(text, files) : Promise.reject(new Error("not ready"))),
    [store],
  );
  const retry = useCallback((id: string) => store?.retry(id) ?? Promise.resolve(), [store]);
  const discard = useCallback((id: string) => store?.discard(id), [store]);
  const loadOlder = useCallback(() => store?.loadOlder() ?? Promise.resolve(), [store]);
  const markRead = useCallback(() => store?.markRead(), [store]);
  return { snapshot, send, retry, discard, loadOlder, markRead };
}
