// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  CryptoError,
  type EpochRecord,
  type OrgLogState,
  createEpoch,
  encodeEpochRecord,
  formerStaffKeyAt,
  fromBase64Url,
  generateEncryptionKeyPair,
  openMessage,
  readMessageHeader,
  sealMessage,
  toBase64Url,
  wrapEpochKeyForParticipant,
} from "@obhut/crypto";
import { ApiError, type ApiClient } from "../api/client";
import { decodeBody, encodeBody, textBody } from "../messaging/body";
import { addEpoch } from "../messaging/endpoints";
import {
  ConversationKeyring,
  type ConversationTrust,
  type EpochRegistry,
  participantKeySource,
} from "../messaging/epochs";
import { newId } from "../messaging/initial-epoch";
import type { EpochParticipant, EpochRotator } from "../messaging/epoch-rotation";
import type { OrgLogCache } from "../messaging/org-log";
import { addConversationMembers } from "./endpoints";

/**
 * Keys of staff chats (team chats and direct chats, issue #16; docs/CRYPTO.md §7e). A chat's epoch key is
 * wrapped to each current member's certified encryption key, taken from the *verified* organisation log — never
 * to a team key or the archive: no one outside the chat, not the team and not the organisation's archive, reads
 * it. The epoch record still names a team and archive key (its format has those slots); the team slot is a
 * throwaway key whose secret is wiped at once, and the archive wrap is made but never sent.
 */

/** The team slot of every chat epoch record: no team reads a chat. */
const NO_TEAM_ID = "";

/** A member's certified keys from the verified log (staff, or an administrator), or `unknown_key`. */
export function certifiedMember(orgLog: OrgLogState, accountId: string): EpochParticipant {
  for (const map of [orgLog.staff, orgLog.admins])
    for (const key of map.values())
      if (key.accountId === accountId)
        return { accountId, signingKey: key.signingKey, encryptionKey: key.encryptionKey };
  throw new CryptoError("unknown_key", "a chat member has no certified key in the organisation log");
}

/**
 * Who may sign a chat's epochs and messages: certified staff and administrators of the verified log. A former
 * colleague's key (offboarding, access reset; ADR 0031) keeps what it signed while certified: an epoch record it
 * signed, or a message sealed under an epoch, whose signed time lies in its certified interval by the log's signed
 * times (`formerStaffKeyAt`; chat epochs name no team key generation). Readable, marked, never sealed under.
 */
export function staffChatTrust(orgLog: OrgLogState): ConversationTrust {
  const accountOf = (key: Uint8Array): string | null => {
    const b64 = toBase64Url(key);
    return orgLog.staff.get(b64)?.accountId ?? orgLog.admins.get(b64)?.accountId ?? null;
  };
  return {
    isEpochSigner: (key) => accountOf(key) !== null,
    senderAccountId: accountOf,
    isStaffAccount: () => true,
    formerStaffAccount: (key, record) =>
      record.teamId === NO_TEAM_ID ? (formerStaffKeyAt(orgLog, key, record.timestamp)?.accountId ?? null) : null,
  };
}

/** The body of AddEpoch for a chat: record and one wrap per member, no team or archive wrap. */
export interface ChatEpochBody {
  epoch: number;
  record: string;
  wraps: { recipientId: string; wrap: string }[];
}

/** Epoch `previous.epoch + 1` (or 1) of a chat, for exactly `memberIds` (the signer among them). */
export async function chatEpochBody(props: Parameters<typeof chatEpoch>[0]): Promise<ChatEpochBody> {
  const { body, epochKey } = await chatEpoch(props);
  epochKey.fill(0);
  return body;
}

/** Like `chatEpochBody`, with the epoch key (the caller wipes it). */
async function chatEpoch(props: {
  conversationId: string;
  previous: EpochRecord | null;
  memberIds: readonly string[];
  orgLog: OrgLogState;
  signer: AccountKeys["signing"];
  timestamp: number;
}): Promise<{ body: ChatEpochBody; epochKey: Uint8Array }> {
  const participants = props.memberIds.map((id) => certifiedMember(props.orgLog, id));
  const throwaway = generateEncryptionKeyPair();
  throwaway.secretKey.fill(0);
  const { record, epochKey, wraps } = await createEpoch({
    conversationId: props.conversationId,
    previous: props.previous,
    participants,
    team: { teamId: NO_TEAM_ID, generation: 0, publicKey: throwaway.publicKey },
    archiveKey: props.orgLog.archiveKey,
    signer: props.signer,
    timestamp: props.timestamp,
  });
  return {
    epochKey,
    body: {
      epoch: record.epoch,
      record: toBase64Url(encodeEpochRecord(record)),
      // createEpoch keeps the participants' order.
      wraps: wraps.participants.map((w, i) => ({
        recipientId: participants[i]!.accountId,
        wrap: toBase64Url(w.wrapped),
      })),
    },
  };
}

/** Longest chat title in characters. */
export const MAX_TITLE_CHARS = 120;

/** A chat's title sealed like a message under `epoch` (protocol `SetConversationTitle`), base64url. */
export async function sealChatTitle(props: {
  conversationId: string;
  epoch: number;
  epochKey: Uint8Array;
  title: string;
  signer: AccountKeys["signing"];
  timestamp: number;
}): Promise<string> {
  const envelope = await sealMessage({
    header: {
      conversationId: props.conversationId,
      epoch: props.epoch,
      messageId: newId(),
      timestamp: props.timestamp,
      senderKeyId: props.signer.publicKey,
    },
    plaintext: encodeBody(textBody(props.title.slice(0, MAX_TITLE_CHARS))),
    epochKey: props.epochKey,
    sender: props.signer,
  });
  return toBase64Url(envelope);
}

/**
 * Opens a chat's sealed title with the chat's keyring: only when the chat's creator (`ownerId`, the member the
 * server names as owner) signed it with a certified key, else null (shown as no title).
 */
export async function openChatTitle(props: {
  envelope: string;
  conversationId: string;
  ownerId: string;
  trust: ConversationTrust;
  keyring: Pick<ConversationKeyring, "keyFor">;
}): Promise<string | null> {
  try {
    const blob = fromBase64Url(props.envelope);
    const header = readMessageHeader(blob);
    if (props.trust.senderAccountId(header.senderKeyId) !== props.ownerId) return null;
    const { key } = await props.keyring.keyFor(header.epoch);
    const { plaintext } = await openMessage(blob, {
      epochKey: key,
      senderPublicKey: header.senderKeyId,
      conversationId: props.conversationId,
      epoch: header.epoch,
    });
    const text = decodeBody(plaintext).text.trim();
    return text === "" ? null : text.slice(0, MAX_TITLE_CHARS);
  } catch {
    return null;
  }
}

/**
 * Publishes a chat's first epoch right after it was created (the creator's browser); with a title, also returns
 * the title sealed under that epoch (for `SetConversationTitle`).
 */
export async function publishFirstChatEpoch(props: {
  api: ApiClient;
  orgLogs: OrgLogCache;
  organisationId: string;
  conversationId: string;
  memberIds: readonly string[];
  signer: AccountKeys["signing"];
  title?: string;
  clock?: () => number;
}): Promise<{ titleEnvelope: string | null }> {
  const clock = props.clock ?? Date.now;
  const { body, epochKey } = await chatEpoch({
    conversationId: props.conversationId,
    previous: null,
    memberIds: props.memberIds,
    orgLog: await props.orgLogs.load(props.organisationId),
    signer: props.signer,
    timestamp: clock(),
  });
  try {
    await props.api.request(addEpoch, { params: { id: props.conversationId }, body });
    const title = props.title?.trim();
    if (!title) return { titleEnvelope: null };
    const titleEnvelope = await sealChatTitle({
      conversationId: props.conversationId,
      epoch: body.epoch,
      epochKey,
      title,
      signer: props.signer,
      timestamp: clock(),
    });
    return { titleEnvelope };
  } finally {
    epochKey.fill(0);
  }
}

/**
 * The rotator of a chat (ADR 0029): after a member was removed the next member's browser wraps a fresh key to
 * the members the server lists now — shown on the chat page, so a member the server added would be seen — with
 * their keys from a freshly verified log.
 */
export function chatRotator(props: {
  api: ApiClient;
  orgLogs: OrgLogCache;
  organisationId: string;
  conversationId: string;
  memberIds: () => Promise<readonly string[]>;
  signer: AccountKeys["signing"];
  clock?: () => number;
}): EpochRotator {
  return {
    async rotate(previous) {
      const body = await chatEpochBody({
        conversationId: props.conversationId,
        previous,
        memberIds: await props.memberIds(),
        orgLog: await props.orgLogs.load(props.organisationId),
        signer: props.signer,
        timestamp: (props.clock ?? Date.now)(),
      });
      await props.api.request(addEpoch, { params: { id: props.conversationId }, body });
    },
  };
}

/**
 * Adds colleagues to a team chat (ADR 0040): the chat's current epoch key — the newest verified record, opened
 * with this member's own wrap and checked against its signed commitment — wrapped to each newcomer's certified
 * key from the verified organisation log (never a key the server names). They read that epoch and everything
 * after. Should another browser publish a newer epoch meanwhile (`epoch_outdated`), this one loads it and wraps
 * that one instead, once.
 */
export async function addChatMembers(props: {
  api: ApiClient;
  orgLogs: OrgLogCache;
  organisationId: string;
  conversationId: string;
  registry: EpochRegistry;
  encryptionSecretKey: Uint8Array;
  accountIds: readonly string[];
}): Promise<void> {
  const orgLog = await props.orgLogs.load(props.organisationId);
  const keyring = new ConversationKeyring({
    api: props.api,
    conversationId: props.conversationId,
    registry: props.registry,
    keySource: participantKeySource(props.encryptionSecretKey),
    trust: staffChatTrust(orgLog),
  });
  const newcomers = props.accountIds.map((id) => certifiedMember(orgLog, id));
  for (let attempt = 0; ; attempt++) {
    await keyring.refresh();
    const { record, key } = await keyring.latest();
    const members = await Promise.all(
      newcomers.map(async (m) => ({
        accountId: m.accountId,
        wrap: toBase64Url(await wrapEpochKeyForParticipant(record, key, m.encryptionKey)),
      })),
    );
    try {
      await props.api.request(addConversationMembers, {
        params: { id: props.conversationId },
        body: { epoch: record.epoch, members },
      });
      return;
    } catch (error) {
      if (attempt > 0 || !(error instanceof ApiError) || error.code !== "epoch_outdated") throw error;
    }
  }
}
