// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Browser messaging library (client and staff pages share it).
 *
 * - body.ts — `MessageBody` {v: 1, text, attachments[]}: the zod (mini)
 *   schema of the decrypted JSON; `encodeBody` / `decodeBody`. Attachment
 *   metadata (name, type, true size, file key, SHA-256) lives only here.
 * - org-log.ts — `OrgLogCache.load(orgId)`: pages the organisation log and
 *   runs `verifyOrgLog`; remembers the head for the session (rollback/fork
 *   refused).
 * - epochs.ts — `EpochKeySource` (plug in your own: staff implement it in
 *   team-keys.ts), `ConversationTrust` (who may sign epochs / messages),
 *   `participantKeySource` (own wrap), `EpochRegistry` (session-wide
 *   `EpochTracker`, verified records, epoch keys; refuses rollback),
 *   `ConversationKeyring` (records + keys of one conversation).
 * - trust.ts — `clientCaseTrust`: own key + staff keys certified in the log.
 * - epoch-rotation.ts — `EpochRotator` (publishes the next epoch when one is
 *   owed, ADR 0029), `nextEpoch` (fresh key for exactly the current readers),
 *   `clientCaseRotator` (the client's own case); staff-rotation.ts the staff
 *   side (`staffCaseRotator`, `handoverEpochs`).
 * - initial-epoch.ts — `createInitialEpoch` (epoch 1 with own/team/archive
 *   wraps, the `InitialEpoch` body of POST /api/cases and …/notes), `newId`.
 * - realtime.ts — `RealtimeClient`: WebSocket with reconnect/backoff,
 *   `subscribe(conversationId, afterSeq, handler)` (cursor re-sent on
 *   reconnect, no duplicates), `send` → ack, `onCase` (case frames),
 *   `onReceipt` (others' delivered/read), `onStatus`, `markRead`,
 *   `ackReceived`. Socket factory and timers are injectable.
 * - conversation.ts — `ConversationStore`: history pages (HTTP) + live
 *   frames, each envelope verified and decrypted, merged by seq; outbox with
 *   clientMsgId and sealed envelope kept until acked (idempotent retries,
 *   WS first, HTTP fallback), attachments uploaded before sealing; the
 *   others' receipts and where unread messages began when it opened; an
 *   owed epoch rotation is made (through the rotator) before it sends, and a
 *   message refused as sealed under an older epoch is sealed again.
 * - read-state.ts — `deliveryState` (sent/delivered/read by the others'
 *   markers, only "sent" where the policy hides receipts), `withReceipt`,
 *   `unreadAfterOnOpen` / `firstUnreadSeq` (the "new messages" marker).
 * - use-mark-read.ts — `useMarkRead(conversation)`: moves the read marker
 *   while the conversation is shown.
 * - attachments.ts — `sealFile` (strip photo metadata, encrypt + pad), `uploadSealedFile`
 *   (chunked, resumable), `downloadAttachment` (decrypt + hash check).
 * - strip-metadata.ts — `stripMetadata`: Exif/GPS, XMP, text chunks out of
 *   JPEG, PNG and WebP, losslessly (only the orientation stays;
 *   exif-orientation.ts).
 * - attachment-policy.ts — the organisation's size cap and allowed types:
 *   `fileProblem` (before encrypting), `attachmentAllowed` (type with
 *   wildcards, and the name's extension; also when showing a received file),
 *   `largestFile`, `describeTypes`.
 * - attachment-types.ts — extensions of each media type: `nameMatchesType`,
 *   `downloadName` (never saved with an extension the type does not have).
 * - conversation-attachments.ts — `ConversationAttachments`: the policy of
 *   one conversation and its deleted attachment ids; `remove(id)`.
 * - session.ts — `messagingFor(session)`: the per-login `MessagingSession`
 *   (api, keys, org logs, epochs, realtime), disposed on logout/quick exit;
 *   `openConversation(messaging, {conversationId, trust, keySource?})`.
 * - use-conversation.ts — `useConversation(messaging, conversationId,
 *   {trust, keySource?} | null)` → {snapshot, send, retry, discard,
 *   loadOlder, markRead, attachments}. Memoise the setup object (it is an
 *   effect dep).
 * - use-presence.ts — `usePresence(realtime)` → peers' online/away/offline
 *   (session.ts reports this tab's own state from its visibility).
 * - endpoints.ts — typed endpoint literals (finder, cases, conversations,
 *   attachments, org log).
 */
export * from "./attachment-policy";
export * from "./attachment-types";
export * from "./attachments";
export * from "./body";
export * from "./conversation";
export * from "./conversation-attachments";
export * from "./endpoints";
export * from "./epochs";
export * from "./epoch-rotation";
export * from "./initial-epoch";
export * from "./limits";
export * from "./org-log";
export * from "./read-state";
export * from "./realtime";
export * from "./session";
export * from "./trust";
export * from "./use-conversation";
export * from "./use-presence";
