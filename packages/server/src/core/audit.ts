// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../infra/db/schema";
import { dialectOf } from "../infra/db/dialect";
import { GENESIS_HASH, auditHash } from "./audit-chain";

/**
 * Audit events: who did what to which object, never content and never IP
 * addresses. Each event is appended to its organisation's hash chain (or the
 * instance chain) in the caller's transaction, so an event exists exactly
 * when the action it records was committed.
 */
export interface AuditEvent {
  organisationId: string | null;
  actorId: string | null;
  action: string;
  /** `id` is null only in a summary of repeated refusals of several objects of one type (audit-aggregate.ts). */
  target?: { type: string; id: string | null };
  data?: Record<string, string | number | boolean | null>;
}

export function chainOf(organisationId: string | null): string {
  return organisationId ?? "instance";
}

export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  now: number,
  event: AuditEvent,
): Promise<void> {
  if (db.isTransaction) return appendAudit(db as Transaction<Database>, now, event);
  await db.transaction().execute((trx) => appendAudit(trx, now, event));
}

/**
 * For callers that already hold an open transaction on `db`'s connection but
 * not as a Kysely Transaction (the SQLite message path runs BEGIN itself).
 */
export async function appendAuditInTransaction(db: Kysely<Database>, now: number, event: AuditEvent): Promise<void> {
  return appendAudit(db, now, event);
}

async function appendAudit(
  trx: Transaction<Database> | Kysely<Database>,
  now: number,
  event: AuditEvent,
): Promise<void> {
  const chain = chainOf(event.organisationId);
  await trx
    .insertInto("audit_heads")
    .values({ chain, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column("chain").doNothing())
    .execute();
  // On PostgreSQL the row lock on the head serialises appends to one chain
  // across nodes; SQLite has a single writer anyway.
  const query = trx.selectFrom("audit_heads").select(["seq", "hash"]).where("chain", "=", chain);
  const head = await (dialectOf(trx) === "postgres" ? query.forUpdate() : query).executeTakeFirstOrThrow();
  const fields = {
    chain,
    seq: Number(head.seq) + 1,
    prevHash: head.hash,
    actorId: event.actorId,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    data: JSON.stringify(event.data ?? {}),
    createdAt: now,
  };
  const hash = auditHash(fields);
  await trx
    .insertInto("audit_events")
    .values({
      organisation_id: event.organisationId,
      actor_id: fields.actorId,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      data: fields.data,
      created_at: now,
      chain,
      seq: fields.seq,
      prev_hash: fields.prevHash,
      hash,
    })
    .execute();
  await trx.updateTable("audit_heads").set({ seq: fields.seq, hash }).where("chain", "=", chain).execute();
}

/** All chains with their current head (for anchoring and verification). */
export async function auditHeads(db: Kysely<Database>): Promise<{ chain: string; seq: number; hash: string }[]> {
  const rows = await db.selectFrom("audit_heads").selectAll().where("seq", ">", 0).execute();
  return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
}
