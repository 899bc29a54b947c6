// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { signAnchor, verifyAnchor } from "../../core/audit-chain";
import {
  countAuditEntriesUpTo,
  deleteAuditEntriesUpTo,
  findAuditEntryHash,
  findAuditPrune,
  firstHeldAuditSeq,
  lastAuditSeqBefore,
  listHeldCaseConversations,
  storeAuditPrune,
} from "./store-audit";

/**
 * Retention of the audit log itself. A hash chain can only lose entries from
 * its start: entries 1..k go, and a record signed with the instance's audit
 * anchor key says "chain X starts after entry k, whose hash was h". The
 * verifier then checks entry k+1 links to h. Someone with database access
 * but without the anchor key can neither delete more entries from the start
 * nor move the prune point without verification failing.
 */

export function pruneMessage(chain: string, seq: number, hash: string): Buffer {
  return Buffer.from(JSON.stringify(["obhut/v1/audit-prune", chain, seq, hash]));
}

/** The prune point of a chain, if any, and whether its signature holds. */
export async function auditPrunePoint(
  db: Kysely<Database>,
  chain: string,
  anchorPublicKey?: string,
): Promise<{ seq: number; hash: string; valid: boolean } | undefined> {
  const row = await findAuditPrune(db, chain);
  if (!row) return undefined;
  const seq = Number(row.seq);
  const keyOk = !anchorPublicKey || row.public_key === anchorPublicKey;
  return {
    seq,
    hash: row.hash,
    valid: keyOk && verifyAnchor(row.public_key, pruneMessage(chain, seq, row.hash), row.signature),
  };
}

/**
 * How far the chain may be pruned: entries recorded before the cutoff, but
 * never an entry about a case on legal hold (nor anything after it).
 */
export async function prunableAuditEntries(
  db: Kysely<Database>,
  chain: string,
  cutoff: number,
): Promise<{ upToSeq: number; count: number }> {
  let upToSeq = await lastAuditSeqBefore(db, chain, cutoff);
  if (upToSeq === 0) return { upToSeq: 0, count: 0 };
  const heldCases = await listHeldCaseConversations(db, chain);
  const heldConversations = heldCases.flatMap((c) => [c.conversation_id, c.notes_conversation_id ?? c.conversation_id]);
  const firstHeld = await firstHeldAuditSeq(db, chain, heldConversations);
  if (firstHeld !== null) upToSeq = Math.min(upToSeq, firstHeld - 1);
  if (upToSeq <= 0) return { upToSeq: 0, count: 0 };
  return { upToSeq, count: await countAuditEntriesUpTo(db, chain, upToSeq) };
}

/** Deletes entries 1..upToSeq of the chain (and anchors at or below), and signs the new prune point. */
export async function pruneAuditChain(
  db: Kysely<Database>,
  chain: string,
  upToSeq: number,
  key: { d: string; x: string },
  now: number,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lastHash = await findAuditEntryHash(trx, chain, upToSeq);
    if (!lastHash) return 0;
    const removed = await deleteAuditEntriesUpTo(trx, chain, upToSeq);
    await storeAuditPrune(trx, chain, {
      seq: upToSeq,
      hash: lastHash,
      signature: signAnchor(key, pruneMessage(chain, upToSeq, lastHash)),
      public_key: key.x,
      created_at: now,
    });
    return removed;
  });
}
