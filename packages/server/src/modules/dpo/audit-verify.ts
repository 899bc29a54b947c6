// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { GENESIS_HASH, anchorMessage, auditHash, signAnchor, verifyAnchor } from "../../core/audit-chain";
import { auditPrunePoint } from "../retention";
import {
  auditAnchorsOf,
  auditEventsInInsertionOrder,
  auditHead,
  insertAuditAnchor,
  knownAuditChains,
  nonEmptyAuditHeads,
  unchainedAuditEvents,
} from "./store-audit";

export type AuditProblemKind =
  "changed" | "missing" | "reordered" | "unchained" | "truncated" | "head_mismatch" | "anchor_invalid";

export interface AuditProblem {
  chain: string;
  seq: number;
  kind: AuditProblemKind;
  detail: string;
}

export interface AuditChainReport {
  chain: string;
  entries: number;
  headSeq: number;
  anchoredSeq: number;
  ok: boolean;
  problems: AuditProblem[];
}

/**
 * Recomputes every hash of every chain (or the chains given) and checks the
 * links, the head table and the signed anchors. Reports all problems, not
 * just the first, so an investigator sees the extent of a manipulation.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  options: { chains?: string[]; anchorPublicKey?: string } = {},
): Promise<AuditChainReport[]> {
  const known = await knownAuditChains(db);
  const chains = options.chains ?? [...known].sort();
  const reports: AuditChainReport[] = [];

  const unchained = await unchainedAuditEvents(db);

  for (const chain of chains) {
    const problems: AuditProblem[] = [];
    const add = (seq: number, kind: AuditProblemKind, detail: string) => problems.push({ chain, seq, kind, detail });
    const rows = await auditEventsInInsertionOrder(db, chain);
    // Retention may have removed entries 1..k; the signed prune point says where the chain starts now.
    const prune = await auditPrunePoint(db, chain, options.anchorPublicKey);
    if (prune && !prune.valid) add(prune.seq, "anchor_invalid", "the signed prune point does not verify");
    let expectedSeq = prune ? prune.seq + 1 : 1;
    let prevHash = prune ? prune.hash : GENESIS_HASH;
    const hashBySeq = new Map<number, string>();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        add(
          seq,
          seq > expectedSeq ? "missing" : "reordered",
          seq > expectedSeq
            ? `entries ${expectedSeq}..${seq - 1} are missing`
            : `entry ${seq} appears after ${expectedSeq - 1}`,
        );
      }
      if (row.prev_hash !== prevHash) add(seq, "reordered", "does not link to the entry before it");
      const recomputed = auditHash({
        chain,
        seq,
        prevHash: row.prev_hash ?? "",
        actorId: row.actor_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        data: row.data,
        createdAt: Number(row.created_at),
      });
      if (recomputed !== row.hash) add(seq, "changed", "content does not match its hash");
      hashBySeq.set(seq, row.hash ?? "");
      prevHash = row.hash ?? "";
      expectedSeq = seq + 1;
    }
    const lastSeq = expectedSeq - 1;
    const head = await auditHead(db, chain);
    if (head && (Number(head.seq) !== lastSeq || (lastSeq > 0 && head.hash !== prevHash))) {
      add(
        Number(head.seq),
        Number(head.seq) > lastSeq ? "truncated" : "head_mismatch",
        `head says ${head.seq}, log ends at ${lastSeq}`,
      );
    }
    const anchors = await auditAnchorsOf(db, chain);
    let anchoredSeq = 0;
    for (const anchor of anchors) {
      const seq = Number(anchor.seq);
      const keyOk = !options.anchorPublicKey || anchor.public_key === options.anchorPublicKey;
      if (!keyOk || !verifyAnchor(anchor.public_key, anchorMessage(chain, seq, anchor.hash), anchor.signature)) {
        add(seq, "anchor_invalid", "anchor signature does not verify with the instance anchor key");
        continue;
      }
      const stored = hashBySeq.get(seq);
      if (stored === undefined) add(seq, "truncated", `signed anchor at entry ${seq}, but the log ends at ${lastSeq}`);
      else if (stored !== anchor.hash) add(seq, "changed", `entry ${seq} differs from its signed anchor`);
      anchoredSeq = Math.max(anchoredSeq, seq);
    }
    reports.push({
      chain,
      entries: rows.length,
      headSeq: head ? Number(head.seq) : 0,
      anchoredSeq,
      ok: problems.length === 0,
      problems,
    });
  }
  if (unchained.length > 0 && !options.chains) {
    reports.push({
      chain: "(none)",
      entries: unchained.length,
      headSeq: 0,
      anchoredSeq: 0,
      ok: false,
      problems: [
        { chain: "(none)", seq: 0, kind: "unchained", detail: `${unchained.length} event(s) belong to no chain` },
      ],
    });
  }
  return reports;
}

/** Signs the current head of every chain that moved since its last anchor. */
export async function anchorAuditChains(
  db: Kysely<Database>,
  key: { d: string; x: string },
  now: number,
): Promise<number> {
  let created = 0;
  const heads = await nonEmptyAuditHeads(db);
  for (const head of heads) {
    const seq = Number(head.seq);
    created += await insertAuditAnchor(db, {
      chain: head.chain,
      seq,
      hash: head.hash,
      signature: signAnchor(key, anchorMessage(head.chain, seq, head.hash)),
      public_key: key.x,
      created_at: now,
    });
  }
  return created;
}
