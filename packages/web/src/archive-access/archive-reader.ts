// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type EncryptionKeyPair,
  type EpochRecord,
  type OrgLogState,
  CryptoError,
  EpochTracker,
  constantTimeEqual,
  decodeEpochRecord,
  fromBase64Url,
  isCertifiedStaffKey,
  openArchiveKey,
  openMessage,
  readMessageHeader,
  toBase64Url,
  unwrapEpochKey,
} from "@obhut/crypto";
import type { MessageView } from "@obhut/protocol";
import { decodeBody } from "../messaging/body";
import { formerStaffAccount, staffAccountOf } from "../messaging/trust";
import { vouchedRecords } from "../messaging/vouching";

/**
 * Reading a case with the organisation's archive key (ADR 0032, CRYPTO.md
 * §7c), in the admin's browser, after a DPO approved it: the admin's wrap of
 * each archive generation is opened and checked against the verified log, each
 * epoch key is opened from its archive wrap and checked against the record's
 * signed commitment, the epoch chain and its signers are verified as a staff
 * reader verifies them, and each message's signature must belong to the
 * account the server names. Read-only: nothing is re-wrapped or sent.
 */

export interface ArchiveReaderDeps {
  /** The verified organisation log (root pinned, known head checked by the caller). */
  orgState(): Promise<OrgLogState>;
  /** My wraps of the archive key generations (`GET /api/keys/wraps?kind=archive`). */
  myArchiveWraps(): Promise<{ generation: number; blob: string }[]>;
  mySecretKey(): Uint8Array;
  /** `GET /api/conversations/:id/epochs` under the archive access. */
  epochs(): Promise<{
    epochs: { epoch: number; record: string; createdBy: string }[];
    archiveWraps?: { epoch: number; generation: number; wrap: string }[] | undefined;
  }>;
  /** `GET /api/conversations/:id/messages?after=…`, oldest first. */
  messages(after: number): Promise<{ messages: MessageView[]; hasMore: boolean }>;
}

export interface ArchivedMessage {
  seq: number;
  senderId: string;
  createdAt: number;
  from: "client" | "staff";
  /** The text, or null when the message could not be opened or verified. */
  text: string | null;
  attachments: number;
}

const equal = (a: Uint8Array, b: Uint8Array) => constantTimeEqual(a, b);

export async function readWithArchiveKey(deps: ArchiveReaderDeps, conversationId: string): Promise<ArchivedMessage[]> {
  const [state, listing, mine] = await Promise.all([deps.orgState(), deps.epochs(), deps.myArchiveWraps()]);
  const sorted = [...listing.epochs].sort((a, b) => a.epoch - b.epoch);
  const records = sorted.map((e) => {
    const record = decodeEpochRecord(fromBase64Url(e.record));
    if (record.conversationId !== conversationId || record.epoch !== e.epoch)
      throw new CryptoError("chain_broken", "epoch record names another conversation or epoch");
    return record;
  });
  // The client signed epoch 1 of their case (trust on first use, as a staff reader without the server's word).
  const isStaffAccount = staffAccountOf(state);
  const first = sorted[0];
  const client =
    first && records[0]!.epoch === 1 && !isStaffAccount(first.createdBy)
      ? { accountId: first.createdBy, key: records[0]!.signerKeyId }
      : null;
  const former = formerStaffAccount(state);
  const trusted = (k: Uint8Array) => isCertifiedStaffKey(state, k) || (client !== null && equal(k, client.key));
  const vouched = vouchedRecords(records, (k) => trusted(k));
  const tracker = new EpochTracker();
  const byEpoch = new Map<number, EpochRecord>();
  for (const record of records) {
    tracker.accept(
      record,
      (k) => trusted(k) || (equal(k, record.signerKeyId) && (vouched.has(record.epoch) || former(k, record) !== null)),
    );
    byEpoch.set(record.epoch, record);
  }

  const archiveKeys = new Map<number, Promise<EncryptionKeyPair>>();
  const archiveKey = (generation: number) => {
    let found = archiveKeys.get(generation);
    if (!found) {
      const held = mine.find((w) => w.generation === generation);
      found = held
        ? openArchiveKey(deps.mySecretKey(), fromBase64Url(held.blob), state, generation)
        : Promise.reject(new CryptoError("unknown_key", `no wrap of archive generation ${generation} for me`));
      archiveKeys.set(generation, found);
    }
    return found;
  };
  const epochKeys = new Map<number, Promise<Uint8Array>>();
  const epochKey = (epoch: number) => {
    let found = epochKeys.get(epoch);
    if (!found) {
      found = (async () => {
        const record = byEpoch.get(epoch);
        const wrap = listing.archiveWraps?.find((w) => w.epoch === epoch);
        if (!record || !wrap) throw new CryptoError("unknown_key", `no archive wrap of epoch ${epoch}`);
        // The generation is the one whose key the signed record names, not the server's word.
        const generation = state.archiveGenerations.find((g) => equal(g.publicKey, record.archiveKey))?.generation;
        if (generation === undefined)
          throw new CryptoError("unknown_key", "the record names no archive key of the log");
        const archive = await archiveKey(generation);
        return unwrapEpochKey({
          record,
          role: "archive",
          wrapped: fromBase64Url(wrap.wrap),
          recipientSecretKey: archive.secretKey,
        });
      })();
      epochKeys.set(epoch, found);
    }
    return found;
  };

  const senderOf = (key: Uint8Array, record: EpochRecord): { accountId: string; from: "client" | "staff" } | null => {
    const staff = state.staff.get(toBase64Url(key))?.accountId ?? former(key, record);
    if (staff) return { accountId: staff, from: "staff" };
    if (client && equal(key, client.key)) return { accountId: client.accountId, from: "client" };
    return null;
  };

  const out: ArchivedMessage[] = [];
  let after = 0;
  for (;;) {
    const page = await deps.messages(after);
    for (const m of page.messages) {
      after = Math.max(after, m.seq);
      out.push(await openOne(m));
    }
    if (!page.hasMore || page.messages.length === 0) break;
  }
  return out;

  async function openOne(m: MessageView): Promise<ArchivedMessage> {
    const shown: ArchivedMessage = {
      seq: m.seq,
      senderId: m.senderId,
      createdAt: m.createdAt,
      from: client && m.senderId === client.accountId ? "client" : "staff",
      text: null,
      attachments: 0,
    };
    try {
      const blob = fromBase64Url(m.envelope);
      const header = readMessageHeader(blob);
      const record = byEpoch.get(header.epoch);
      if (!record) return shown;
      const sender = senderOf(header.senderKeyId, record);
      if (!sender || sender.accountId !== m.senderId) return shown;
      const { plaintext } = await openMessage(blob, {
        epochKey: await epochKey(header.epoch),
        senderPublicKey: header.senderKeyId,
        conversationId,
        epoch: header.epoch,
      });
      const body = decodeBody(plaintext);
      return { ...shown, from: sender.from, text: body.text, attachments: body.attachments.length };
    } catch {
      return shown;
    }
  }
}
