// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { AuditPrunesTable, Database } from "../../infra/db/schema";

/**
 * The rows of audit pruning (modules/retention/audit-pruning.ts decides how
 * far a chain may go and signs the prune point): audit entries and anchors
 * of one chain, and the chain's prune record.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export async function findAuditPrune(db: Db, chain: string): Promise<AuditPrunesTable | undefined> {
  return db.selectFrom("audit_prunes").selectAll().where("chain", "=", chain).executeTakeFirst();
}

/** The highest seq of the chain's entries recorded before the cutoff; 0 if there is none. */
export async function lastAuditSeqBefore(db: Db, chain: string, cutoff: number): Promise<number> {
  const old = await db
    .selectFrom("audit_events")
    .select((eb) => [eb.fn.max("seq").as("maxSeq"), eb.fn.countAll<string | number>().as("n")])
    .where("chain", "=", chain)
    .where("created_at", "<", cutoff)
    .executeTakeFirst();
  return Number(old?.maxSeq ?? 0);
}

/** Cases of the organisation on active legal hold, as a subquery of their ids. */
function heldCaseIds(db: Db, orgId: string) {
  return db
    .selectFrom("legal_holds")
    .select("case_id")
    .where("released_at", "is", null)
    .where("organisation_id", "=", orgId);
}

/** The conversations (and notes conversations) of the organisation's cases on legal hold. */
export async function listHeldCaseConversations(
  db: Db,
  orgId: string,
): Promise<{ conversation_id: string; notes_conversation_id: string | null }[]> {
  return db
    .selectFrom("cases")
    .select(["conversation_id", "notes_conversation_id"])
    .where("id", "in", heldCaseIds(db, orgId))
    .execute();
}

/**
 * The seq of the chain's first entry about a case on legal hold (the chain
 * is its organisation's id) or one of the given conversations; null if none.
 */
export async function firstHeldAuditSeq(
  db: Db,
  chain: string,
  heldConversations: readonly string[],
): Promise<number | null> {
  const firstHeld = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.min("seq").as("seq"))
    .where("chain", "=", chain)
    .where((eb) =>
      eb.or([
        eb.and([eb("target_type", "=", "case"), eb("target_id", "in", heldCaseIds(db, chain))]),
        ...(heldConversations.length > 0 ? [eb("target_id", "in", [...heldConversations])] : []),
      ]),
    )
    .executeTakeFirst();
  return firstHeld?.seq !== null && firstHeld?.seq !== undefined ? Number(firstHeld.seq) : null;
}

export async function countAuditEntriesUpTo(db: Db, chain: string, upToSeq: number): Promise<number> {
  const count = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("chain", "=", chain)
    .where("seq", "<=", upToSeq)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

/** The hash of one entry of the chain, if it is there. */
export async function findAuditEntryHash(trx: Trx, chain: string, seq: number): Promise<string | undefined> {
  const row = await trx
    .selectFrom("audit_events")
    .select("hash")
    .where("chain", "=", chain)
    .where("seq", "=", seq)
    .executeTakeFirst();
  return row?.hash ?? undefined;
}

/** Deletes entries 1..upToSeq of the chain and its anchors at or below; returns how many entries went. */
export async function deleteAuditEntriesUpTo(trx: Trx, chain: string, upToSeq: number): Promise<number> {
  const removed = await trx
    .deleteFrom("audit_events")
    .where("chain", "=", chain)
    .where("seq", "<=", upToSeq)
    .executeTakeFirst();
  await trx.deleteFrom("audit_anchors").where("chain", "=", chain).where("seq", "<=", upToSeq).execute();
  return Number(removed.numDeletedRows);
}

/** Stores the chain's (new) prune point, replacing an earlier one. */
export async function storeAuditPrune(trx: Trx, chain: string, values: Omit<AuditPrunesTable, "chain">): Promise<void> {
  await trx
    .insertInto("audit_prunes")
    .values({ chain, ...values })
    .onConflict((oc) => oc.column("chain").doUpdateSet(values))
    .execute();
}
