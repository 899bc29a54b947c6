// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CryptoError,
  type EpochRecord,
  EpochTracker,
  constantTimeEqual,
  decodeEpochRecord,
  epochRecordHash,
  fromBase64Url,
  toBase64Url,
  unwrapEpochKey,
} from "@obhut/crypto";
import type { ApiClient } from "../api/client";
import { listEpochs } from "./endpoints";
import { formerSigners, vouchedRecords } from "./vouching";

/**
 * Where an epoch key comes from. The client opens its own participant wrap
 * (`participantKeySource`); staff code plugs in team-key-based unwrapping
 * (messaging/team-keys.ts). Implementations must return the key only after
 * `unwrapEpochKey` checked it against `record.keyCommitment`.
 */
export interface EpochKeySource {
  keyFor(conversationId: string, record: EpochRecord, hint: EpochKeyHint): Promise<Uint8Array>;
}

/** What the keyring already fetched that a key source may use. */
export interface EpochKeyHint {
  /** The caller's own participant wrap of this epoch, if the server returned one. */
  ownWrap: Uint8Array | undefined;
}

/**
 * Who may do what in one conversation, answered from verified sources only
 * (the org log, the client's own keys, a case binding) — never from the
 * server's claims or from the blob being checked.
 */
export interface ConversationTrust {
  /** May this key sign an epoch record of the conversation? */
  isEpochSigner(signingKey: Uint8Array, record: EpochRecord): boolean;
  /** The account a message-signing key belongs to here, or null if it may not write here. */
  senderAccountId(signingKey: Uint8Array): string | null;
  /** Is or was this a certified staff account (from the verified org log)? Former participants are never attributed to one. */
  isStaffAccount?(accountId: string): boolean;
  /**
   * The account of a staff key that is no longer certified, if `record` (the epoch record it signed, or the
   * epoch its message is sealed under) was made while it was (ADR 0031); else null. Such a record is history:
   * readable, attributed, never the epoch new messages are sealed under.
   */
  formerStaffAccount?(signingKey: Uint8Array, record: EpochRecord): string | null;
  /**
   * A key this trust does not know: load the verified log again (a colleague may have been certified since the
   * page opened) and resolve true if the answers above may have changed. Asked at most once per key, so a key
   * that stays unknown never starts a loop; false when the log did not change or could not be loaded.
   */
  learn?(signingKey: Uint8Array): Promise<boolean>;
  /** How often `learn` changed the answers: a conversation opens again what it could not open when this grows. */
  version?(): number;
}

/** Opens the caller's own participant wrap with the account's X25519 secret key. */
export function participantKeySource(encryptionSecretKey: Uint8Array): EpochKeySource {
  return {
    async keyFor(_conversationId, record, hint) {
      if (!hint.ownWrap) throw new CryptoError("unknown_key", `no key wrap for epoch ${record.epoch}`);
      return unwrapEpochKey({
        record,
        role: "participant",
        wrapped: hint.ownWrap,
        recipientSecretKey: encryptionSecretKey,
      });
    },
  };
}

/**
 * Session-wide memory of verified epoch records and unwrapped epoch keys.
 * One `EpochTracker` per session refuses rollback: once epoch n of a
 * conversation was accepted, a server answer that ends before n, or holds a
 * different record for an epoch seen before, is refused.
 */
export class EpochRegistry {
  readonly tracker = new EpochTracker();
  private readonly records = new Map<string, Map<number, { record: EpochRecord; hash: Uint8Array }>>();
  private readonly keys = new Map<string, Uint8Array>();

  /** Verifies records in order and returns the conversation's known records, ascending. */
  accept(
    conversationId: string,
    records: readonly EpochRecord[],
    isSigner: (signingKey: Uint8Array, record: EpochRecord) => boolean,
  ): EpochRecord[] {
    const known = this.records.get(conversationId) ?? new Map<number, { record: EpochRecord; hash: Uint8Array }>();
    const sorted = [...records].sort((a, b) => a.epoch - b.epoch);
    const newest = sorted.at(-1)?.epoch ?? 0;
    const current = this.tracker.current(conversationId);
    if (newest < current) throw new CryptoError("rollback", `server shows epoch ${newest}, already saw ${current}`);
    for (const record of sorted) {
      if (record.conversationId !== conversationId) {
        throw new CryptoError("bad_format", "epoch record belongs to another conversation");
      }
      const seen = known.get(record.epoch);
      if (seen) {
        if (!constantTimeEqual(seen.hash, epochRecordHash(record))) {
          throw new CryptoError("chain_broken", `a different record for epoch ${record.epoch}`);
        }
        continue;
      }
      this.tracker.accept(record, (key) => isSigner(key, record));
      known.set(record.epoch, { record, hash: epochRecordHash(record) });
    }
    this.records.set(conversationId, known);
    return [...known.values()].map((k) => k.record).sort((a, b) => a.epoch - b.epoch);
  }

  record(conversationId: string, epoch: number): EpochRecord | undefined {
    return this.records.get(conversationId)?.get(epoch)?.record;
  }

  latest(conversationId: string): EpochRecord | undefined {
    const epoch = this.tracker.current(conversationId);
    return epoch === 0 ? undefined : this.record(conversationId, epoch);
  }

  key(conversationId: string, epoch: number): Uint8Array | undefined {
    return this.keys.get(`${conversationId}/${epoch}`);
  }

  setKey(conversationId: string, epoch: number, key: Uint8Array): void {
    this.keys.set(`${conversationId}/${epoch}`, key);
  }

  /** Overwrites every epoch key held (logout, quick exit); the verified records stay (public). */
  wipe(): void {
    for (const key of this.keys.values()) key.fill(0);
    this.keys.clear();
  }
}

/**
 * The epochs of one conversation: fetches records and the caller's wraps,
 * verifies them through the registry and hands out keys from the key source.
 */
export class ConversationKeyring {
  private wraps = new Map<number, Uint8Array>();
  /** Signers of epochs vouched for by a later trusted record (messaging/vouching.ts), by key → account. */
  private former = new Map<string, string>();
  /** Epochs accepted only because a former staff key signed them while certified (ADR 0031). */
  private formerStaffEpochs = new Set<number>();
  private loading: Promise<void> | null = null;
  private loaded = false;

  constructor(
    private readonly props: {
      api: ApiClient;
      conversationId: string;
      registry: EpochRegistry;
      keySource: EpochKeySource;
      trust: ConversationTrust;
    },
  ) {}

  /** Fetches and verifies the records (again); concurrent callers share one request. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const { api, conversationId, trust } = this.props;
    const answer = await api.request(listEpochs, { params: { id: conversationId } });
    const listing = answer.epochs.map((e) => {
      const record = decodeEpochRecord(fromBase64Url(e.record));
      if (record.epoch !== e.epoch) throw new CryptoError("bad_format", "epoch number does not match its record");
      return { record, createdBy: e.createdBy };
    });
    // A record signed by a key not (yet) in the verified log: a colleague certified after the page opened made
    // it. Learn the log again once; a key still unknown afterwards is refused by the registry as before.
    const unknown = this.judge(listing.map((l) => l.record)).unknownSigners;
    if (unknown.length > 0 && trust.learn) await Promise.all(unknown.map((key) => trust.learn!(key)));
    this.accept(listing);
    this.wraps = new Map(answer.wraps.map((w) => [w.epoch, fromBase64Url(w.wrap)]));
    this.loaded = true;
  }

  /**
   * The epoch exists (verified record) but the server holds no wrap of it for this account: written before the
   * account joined (a chat member added later gets the current epoch only; ADR 0040). False until loaded.
   */
  lacksOwnWrap(epoch: number): boolean {
    const { conversationId, registry } = this.props;
    return this.loaded && registry.record(conversationId, epoch) !== undefined && !this.wraps.has(epoch);
  }

  /** Which records some rule accepts, with the signers of the others (distinct). */
  private judge(records: readonly EpochRecord[]) {
    const { trust } = this.props;
    const direct = (key: Uint8Array, record: EpochRecord) => trust.isEpochSigner(key, record);
    // A re-bound case: epochs signed by a former client's key, vouched for by a later staff-signed record.
    const vouched = vouchedRecords(records, direct);
    // Signed by a staff key while it was certified (offboarded or reset since): history, not an anchor (ADR 0031).
    const formerStaff = (key: Uint8Array, record: EpochRecord) =>
      constantTimeEqual(key, record.signerKeyId) && (trust.formerStaffAccount?.(key, record) ?? null) !== null;
    const accepts = (key: Uint8Array, record: EpochRecord) =>
      direct(key, record) ||
      (vouched.has(record.epoch) && constantTimeEqual(key, record.signerKeyId)) ||
      formerStaff(key, record);
    const unknownSigners = new Map<string, Uint8Array>();
    for (const r of records)
      if (!accepts(r.signerKeyId, r)) unknownSigners.set(toBase64Url(r.signerKeyId), r.signerKeyId);
    return { direct, vouched, formerStaff, accepts, unknownSigners: [...unknownSigners.values()] };
  }

  private accept(listing: readonly { record: EpochRecord; createdBy: string }[]): void {
    const { conversationId, registry, trust } = this.props;
    const records = listing.map((l) => l.record);
    const { direct, vouched, formerStaff, accepts } = this.judge(records);
    registry.accept(conversationId, records, accepts);
    this.former = formerSigners(listing, vouched, direct, (id) => trust.isStaffAccount?.(id) ?? true);
    this.formerStaffEpochs = new Set(
      records
        .filter((r) => !direct(r.signerKeyId, r) && !vouched.has(r.epoch) && formerStaff(r.signerKeyId, r))
        .map((r) => r.epoch),
    );
  }

  /** The account of a former participant's signing key (a vouched epoch signer), or null. */
  formerSender(signingKey: Uint8Array): string | null {
    return this.former.get(toBase64Url(signingKey)) ?? null;
  }

  /** The key of one epoch; refreshes once if the epoch is not known yet. */
  async keyFor(epoch: number): Promise<{ record: EpochRecord; key: Uint8Array }> {
    const { conversationId, registry, keySource } = this.props;
    let record = registry.record(conversationId, epoch);
    if (!record) {
      await this.refresh();
      record = registry.record(conversationId, epoch);
      if (!record) throw new CryptoError("unknown_key", `unknown epoch ${epoch}`);
    }
    let key = registry.key(conversationId, epoch);
    if (!key) {
      if (this.wraps.size === 0) await this.refresh();
      key = await keySource.keyFor(conversationId, record, { ownWrap: this.wraps.get(epoch) });
      registry.setKey(conversationId, epoch, key);
    }
    return { record, key };
  }

  /** The newest verified epoch record as last loaded (the one a rotation chains to), without opening its key. */
  newestRecord(): EpochRecord | undefined {
    return this.props.registry.latest(this.props.conversationId);
  }

  /**
   * Whether the newest epoch was signed by a key that is no longer certified (and no trusted record followed):
   * readable history, but a stolen former key could have made it after the fact, so nothing is sealed under it
   * until the conversation has a new epoch (ADR 0031).
   */
  newestNeedsRotation(): boolean {
    const newest = this.newestRecord();
    return newest !== undefined && this.formerStaffEpochs.has(newest.epoch);
  }

  /** The newest verified epoch and its key, for sending; refused while `newestNeedsRotation`. */
  async latest(): Promise<{ record: EpochRecord; key: Uint8Array }> {
    const { conversationId, registry } = this.props;
    if (!registry.latest(conversationId)) await this.refresh();
    const record = registry.latest(conversationId);
    if (!record) throw new CryptoError("unknown_key", "conversation has no epoch");
    if (this.formerStaffEpochs.has(record.epoch)) {
      throw new CryptoError("unknown_key", "the newest epoch was made by a key that is no longer certified");
    }
    return this.keyFor(record.epoch);
  }
}
