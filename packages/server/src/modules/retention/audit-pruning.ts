// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { signAnchor, verifyAnchor } from "../../core/audit-chain";

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
  const row = await db.selectFrom("audit_prunes").selectAll().where("chain", "=", chain).executeTakeFirst();
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
  const old = await db
    .selectFrom("audit_events")
    .select((eb) => [eb.fn.max("seq").as("maxSeq"), eb.fn.countAll<string | number>().as("n")])
    .where("chain", "=", chain)
    .where("created_at", "<", cutoff)
    .executeTakeFirst();
  let upToSeq = Number(old?.maxSeq ?? 0);
  if (upToSeq === 0) return { upToSeq: 0, count: 0 };
  const held = db
    .selectFrom("legal_holds")
    .select("case_id")
    .where("released_at", "is", null)
    .where("organisation_id", "=", chain);
  const heldCases = await db
    .selectFrom("cases")
    .select(["conversation_id", "notes_conversation_id"])
    .where("id", "in", held)
    .execute();
  const heldConversations = heldCases.flatMap((c) => [c.conversation_id, c.notes_conversation_id ?? c.conversation_id]);
  const firstHeld = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.min("seq").as("seq"))
    .where("chain", "=", chain)
    .where((eb) =>
      eb.or([
        eb.and([eb("target_type", "=", "case"), eb("target_id", "in", held)]),
        ...(heldConversations.length > 0 ? [eb("target_id", "in", heldConversations)] : []),
      ]),
    )
    .executeTakeFirst();
  if (firstHeld?.seq !== null && firstHeld?.seq !== undefined) upToSeq = Math.min(upToSeq, Number(firstHeld.seq) - 1);
  if (upToSeq <= 0) return { upToSeq: 0, count: 0 };
  const count = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("chain", "=", chain)
    .where("seq", "<=", upToSeq)
    .executeTakeFirstOrThrow();
  return { upToSeq, count: Number(count.n) };
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
    const last = await trx
      .selectFrom("audit_events")
      .select("hash")
      .where("chain", "=", chain)
      .where("seq", "=", upToSeq)
      .executeTakeFirst();
    if (!last?.hash) return 0;
    const removed = await trx
      .deleteFrom("audit_events")
      .where("chain", "=", chain)
      .where("seq", "<=", upToSeq)
      .executeTakeFirst();
    await trx.deleteFrom("audit_anchors").where("chain", "=", chain).where("seq", "<=", upToSeq).execute();
    const values = {
      seq: upToSeq,
      hash: last.hash,
      signature: signAnchor(key, pruneMessage(chain, upToSeq, last.hash)),
      public_key: key.x,
      created_at: now,
    };
    await trx
      .insertInto("audit_prunes")
      .values({ chain, ...values })
      .onConflict((oc) => oc.column("chain").doUpdateSet(values))
      .execute();
    return Number(removed.numDeletedRows);
  });
}
