// SPDX-License-Identifier: AGPL-3.0-or-later
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { AttachmentPolicy } from "./attachment-policy";
import type { SealedFile } from "./attachments";
import { type AttachmentsSnapshot, ConversationAttachments } from "./conversation-attachments";
import type { ConversationSnapshot, ConversationStore } from "./conversation";
import type { ConversationTrust, EpochKeySource } from "./epochs";
import type { EpochRotator } from "./epoch-rotation";
import { NO_RECEIPTS } from "./read-state";
import { type MessagingSession, openConversation } from "./session";

const EMPTY: ConversationSnapshot = {
  status: "loading",
  loadError: null,
  live: "connecting",
  messages: [],
  outbox: [],
  hasOlder: false,
  receipts: NO_RECEIPTS,
  unreadAfter: null,
  rotation: "idle",
  rotationError: null,
};
const noop = () => () => {};
const NO_ATTACHMENTS: AttachmentsSnapshot = { policy: null, deleted: new Set() };
const notReady = () => Promise.reject(new Error("not ready"));

/** The conversation's attachment policy and deletions, with the actions on them (conversation-attachments.ts). */
export interface UseAttachments extends AttachmentsSnapshot {
  ensurePolicy: () => Promise<AttachmentPolicy>;
  remove: (attachmentId: string) => Promise<void>;
  markDeleted: (attachmentId: string) => void;
}

export interface UseConversation {
  snapshot: ConversationSnapshot;
  /** `mentions`: account ids the text mentions (team chats; sealed with the text, ADR 0040). */
  send: (text: string, files?: SealedFile[], mentions?: readonly string[]) => Promise<void>;
  retry: (clientMsgId: string) => Promise<void>;
  discard: (clientMsgId: string) => void;
  loadOlder: () => Promise<void>;
  markRead: () => void;
  attachments: UseAttachments;
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
  setup: { trust: ConversationTrust; keySource?: EpochKeySource; rotator?: EpochRotator } | null,
): UseConversation {
  const [store, setStore] = useState<ConversationStore | null>(null);

  useEffect(() => {
    if (!messaging || !conversationId || !setup) return;
    const created = openConversation(messaging, {
      conversationId,
      trust: setup.trust,
      ...(setup.keySource ? { keySource: setup.keySource } : {}),
    });
    if (setup.rotator) created.setRotator(setup.rotator);
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

  const [files, setFiles] = useState<ConversationAttachments | null>(null);
  useEffect(() => {
    if (!messaging || !conversationId) return;
    const created = new ConversationAttachments(messaging.api, conversationId);
    setFiles(created);
    // Loaded up front so the composer can check files at once; a failure is retried when a file is sent or opened.
    created.ensurePolicy().catch(() => {});
    return () => setFiles(null);
  }, [messaging, conversationId]);
  const filesSnapshot = useSyncExternalStore(
    files ? files.subscribe : noop,
    files ? files.getSnapshot : () => NO_ATTACHMENTS,
    files ? files.getSnapshot : () => NO_ATTACHMENTS,
  );
  const attachments = useMemo<UseAttachments>(
    () => ({
      ...filesSnapshot,
      ensurePolicy: () => (files ? files.ensurePolicy() : notReady()),
      remove: (id) => (files ? files.remove(id) : notReady()),
      markDeleted: (id) => files?.markDeleted(id),
    }),
    [files, filesSnapshot],
  );

  const send = useCallback(
    (text: string, files?: SealedFile[], mentions?: readonly string[]) =>
      store ? store.send(text, files, mentions) : Promise.reject(new Error("not ready")),
    [store],
  );
  const retry = useCallback((id: string) => store?.retry(id) ?? Promise.resolve(), [store]);
  const discard = useCallback((id: string) => store?.discard(id), [store]);
  const loadOlder = useCallback(() => store?.loadOlder() ?? Promise.resolve(), [store]);
  const markRead = useCallback(() => store?.markRead(), [store]);
  return { snapshot, send, retry, discard, loadOlder, markRead, attachments };
}
