// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64Url, toBase64Url, wrapEpochKeyForParticipant } from "@obhut/crypto";
import type { ApiClient } from "../api/client";
import { certifiedMember, staffChatTrust } from "../chats/chat-keys";
import { ConversationKeyring, type EpochRegistry, participantKeySource } from "../messaging/epochs";
import type { OrgLogCache } from "../messaging/org-log";
import { addChannelWraps, listChannelPending } from "./endpoints";

/**
 * Keys of broadcast channels (ADR 0037; docs/CRYPTO.md §7g). A channel's epochs are made like a staff chat's
 * (chats/chat-keys.ts): by an owner's browser, wrapped to the owners' certified keys only, signed by a certified
 * staff key. Subscribers — colleagues, or clients of the organisation — get each epoch key wrapped to their own
 * key afterwards, by an owner's browser when it next opens the channel (`wrapForWaitingSubscribers`); until then
 * they see "wartet auf Freischaltung". The server lists waiting subscribers to owners only, so subscribers never
 * learn of each other.
 */

/**
 * Wraps every epoch key a waiting subscriber lacks to that subscriber. A colleague's key is taken from the verified
 * organisation log (a colleague without a certified key is skipped); a client's key is the server's answer — the
 * channel carries public information only, and the limit is written down in ADR 0037. Returns how many
 * subscribers were caught up.
 */
export async function wrapForWaitingSubscribers(props: {
  api: ApiClient;
  orgLogs: OrgLogCache;
  organisationId: string;
  channelId: string;
  registry: EpochRegistry;
  encryptionSecretKey: Uint8Array;
}): Promise<number> {
  const { api, channelId } = props;
  const { subscribers } = await api.request(listChannelPending, { params: { channelId } });
  if (subscribers.length === 0) return 0;
  const orgLog = await props.orgLogs.load(props.organisationId);
  const keyring = new ConversationKeyring({
    api,
    conversationId: channelId,
    registry: props.registry,
    keySource: participantKeySource(props.encryptionSecretKey),
    trust: staffChatTrust(orgLog),
  });
  const wraps: { recipientId: string; epoch: number; wrap: string }[] = [];
  let caughtUp = 0;
  for (const s of subscribers) {
    let publicKey: Uint8Array;
    if (s.kind === "staff") {
      try {
        publicKey = certifiedMember(orgLog, s.accountId).encryptionKey;
      } catch {
        continue;
      }
    } else publicKey = fromBase64Url(s.encryptionPublicKey);
    for (const epoch of s.epochs) {
      // The epoch key this owner holds, checked against its signed record's commitment before it is wrapped on.
      const { record, key } = await keyring.keyFor(epoch);
      wraps.push({
        recipientId: s.accountId,
        epoch,
        wrap: toBase64Url(await wrapEpochKeyForParticipant(record, key, publicKey)),
      });
    }
    caughtUp += 1;
  }
  for (let i = 0; i < wraps.length; i += 1000)
    await api.request(addChannelWraps, { params: { channelId }, body: { wraps: wraps.slice(i, i + 1000) } });
  return caughtUp;
}
