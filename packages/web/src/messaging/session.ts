// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AccountKeys } from "@obhut/crypto";
import type { AccountView } from "@obhut/protocol";
import { api as defaultApi, reportServerAnswer, type ApiClient } from "../api/client";
import { getSession, subscribeSession, type AccountSession } from "../keys/session-store";
import { ConversationStore } from "./conversation";
import {
  ConversationKeyring,
  EpochRegistry,
  participantKeySource,
  type ConversationTrust,
  type EpochKeySource,
} from "./epochs";
import { OrgPinStore } from "../keys/org-pins";
import { OrgLogCache } from "./org-log";
import { RealtimeClient, realtimeUrl } from "./realtime";

/**
 * Everything messaging keeps for one logged-in session, in memory only:
 * verified org logs, verified epoch records and unwrapped epoch keys, and
 * the one realtime connection. It ends with the session (logout, quick exit,
 * another login): the socket closes and the epoch keys are overwritten.
 */
export interface MessagingSession {
  readonly api: ApiClient;
  readonly account: AccountView;
  readonly keys: AccountKeys;
  readonly orgLogs: OrgLogCache;
  readonly epochs: EpochRegistry;
  readonly realtime: RealtimeClient;
}

let current: { session: AccountSession; messaging: MessagingSession; stopPresence: () => void } | null = null;

function dispose(): void {
  if (!current) return;
  current.stopPresence();
  current.messaging.realtime.close();
  current.messaging.epochs.wipe();
  current.messaging.orgLogs.clear();
  current = null;
}

subscribeSession(() => {
  if (current && getSession() !== current.session) dispose();
});

/** The messaging state of this session (created on first use). */
export function messagingFor(session: AccountSession, options: { api?: ApiClient } = {}): MessagingSession {
  if (current?.session === session) return current.messaging;
  dispose();
  const api = options.api ?? defaultApi;
  const messaging: MessagingSession = {
    api,
    account: session.account,
    keys: session.keys,
    // Clients hold on to the organisations they pinned (ADR 0030); staff belong to theirs.
    orgLogs: new OrgLogCache(api, session.account.kind === "client" ? new OrgPinStore(api, session.keys) : undefined),
    epochs: new EpochRegistry(),
    realtime: new RealtimeClient({
      url: realtimeUrl(window.location),
      // A sent message keeps the session on the server (modules/identity keepSessionOpen); the idle warning counts it.
      onSent: (sentAt) => reportServerAnswer({ sentAt, status: 200 }),
    }),
  };
  current = { session, messaging, stopPresence: reportPresence(messaging.realtime) };
  return messaging;
}

/** Tells the server "away" while this tab is hidden and "online" when it is shown again (docs/PROTOCOL.md). */
function reportPresence(realtime: RealtimeClient): () => void {
  if (typeof document === "undefined") return () => {};
  const report = () => realtime.setPresence(document.visibilityState === "hidden" ? "away" : "online");
  report();
  document.addEventListener("visibilitychange", report);
  return () => document.removeEventListener("visibilitychange", report);
}

/** A conversation store wired to this session; `keySource` defaults to the caller's own participant wrap. */
export function openConversation(
  messaging: MessagingSession,
  props: { conversationId: string; trust: ConversationTrust; keySource?: EpochKeySource },
): ConversationStore {
  const keyring = new ConversationKeyring({
    api: messaging.api,
    conversationId: props.conversationId,
    registry: messaging.epochs,
    keySource: props.keySource ?? participantKeySource(messaging.keys.encryption.secretKey),
    trust: props.trust,
  });
  return new ConversationStore({
    api: messaging.api,
    conversationId: props.conversationId,
    keyring,
    trust: props.trust,
    self: { accountId: messaging.account.id, signing: messaging.keys.signing },
    realtime: messaging.realtime,
  });
}
