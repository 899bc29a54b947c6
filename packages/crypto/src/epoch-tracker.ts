// SPDX-License-Identifier: AGPL-3.0-or-later
import { constantTimeEqual } from "./encoding";
import { type EpochRecord, epochRecordHash, verifyEpochRecord } from "./epochs";
import { CryptoError } from "./errors";

const ZERO = new Uint8Array(32);

export type EpochTrackerSnapshot = Record<string, { epoch: number; hash: number[] }>;

/**
 * Remembers, per conversation, the newest epoch this client has accepted.
 * Persist `snapshot()` wherever the client keeps state between sessions;
 * the guarantee only extends as far back as that memory.
 */
export class EpochTracker {
  private readonly heads = new Map<string, { epoch: number; hash: Uint8Array }>();

  static fromSnapshot(snapshot: EpochTrackerSnapshot): EpochTracker {
    const t = new EpochTracker();
    for (const [id, h] of Object.entries(snapshot)) t.heads.set(id, { epoch: h.epoch, hash: Uint8Array.from(h.hash) });
    return t;
  }

  snapshot(): EpochTrackerSnapshot {
    const out: EpochTrackerSnapshot = {};
    for (const [id, h] of this.heads) out[id] = { epoch: h.epoch, hash: [...h.hash] };
    return out;
  }

  current(conversationId: string): number {
    return this.heads.get(conversationId)?.epoch ?? 0;
  }

  /**
   * Verifies signature and chain, then advances. Records must arrive in
   * order starting at epoch 1; re-presenting the current record is fine.
   * Throws rollback (older epoch), chain_broken (gap, fork, wrong link).
   */
  accept(record: EpochRecord, isAuthorisedSigner: (signingKey: Uint8Array) => boolean): void {
    verifyEpochRecord(record, isAuthorisedSigner);
    const head = this.heads.get(record.conversationId);
    const hash = epochRecordHash(record);
    const current = head?.epoch ?? 0;
    if (record.epoch < current) throw new CryptoError("rollback", `epoch ${record.epoch} is older than ${current}`);
    if (head && record.epoch === current) {
      if (!constantTimeEqual(hash, head.hash))
        throw new CryptoError("chain_broken", "two different records for one epoch");
      return;
    }
    if (record.epoch !== current + 1) throw new CryptoError("chain_broken", `epoch gap: ${current} → ${record.epoch}`);
    if (!constantTimeEqual(record.prevEpochHash, head?.hash ?? ZERO)) {
      throw new CryptoError("chain_broken", "epoch record does not link to the previous epoch");
    }
    this.heads.set(record.conversationId, { epoch: record.epoch, hash });
  }
}
