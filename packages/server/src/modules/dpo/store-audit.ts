// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AuditFilterQuery } from "@obhut/protocol";
import { sql, type Kysely, type SelectQueryBuilder, type Selectable, type Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { chainOf } from "../../core/audit";

/**
 * Reading the audit chains (audit_events, audit_heads, audit_anchors) for the
 * verifier and the DPO's viewer, and storing signed anchors. Appending entries
 * is core/audit.ts's; what counts as a problem is audit-verify.ts's.
 */
type Db = Kysely<Database> | Transaction<Database>;

export type AuditEventRow = Selectable<Database["audit_events"]>;
export type AuditEntryRow = AuditEventRow & { actor_name: string | null };

/** Every chain name that appears in the heads, the events or the anchors (unordered, deduplicated). */
export async function knownAuditChains(db: Db): Promise<Set<string>> {
  const known = new Set<string>();
  for (const r of await db.selectFrom("audit_heads").select("chain").execute()) known.add(r.chain);
  for (const r of await db.selectFrom("audit_events").select("chain").distinct().execute())
    if (r.chain) known.add(r.chain);
  for (const r of await db.selectFrom("audit_anchors").select("chain").distinct().execute()) known.add(r.chain);
  return known;
}

/** Ids of events that belong to no chain. */
export async function unchainedAuditEvents(db: Db): Promise<{ id: AuditEventRow["id"] }[]> {
  return db.selectFrom("audit_events").select("id").where("chain", "is", null).execute();
}

/** A chain's events in physical insertion order (id), so a swap of two rows' contents shows up as reordering. */
export async function auditEventsInInsertionOrder(db: Db, chain: string): Promise<AuditEventRow[]> {
  return db.selectFrom("audit_events").selectAll().where("chain", "=", chain).orderBy("id").execute();
}

export async function auditHead(db: Db, chain: string): Promise<Database["audit_heads"] | undefined> {
  return db.selectFrom("audit_heads").selectAll().where("chain", "=", chain).executeTakeFirst();
}

/** The last seq of a chain according to its head row, if it has one. */
export async function auditHeadSeq(db: Db, chain: string): Promise<{ seq: number } | undefined> {
  return db.selectFrom("audit_heads").select("seq").where("chain", "=", chain).executeTakeFirst();
}

/** Heads of the chains that have at least one entry. */
export async function nonEmptyAuditHeads(db: Db): Promise<Database["audit_heads"][]> {
  return db.selectFrom("audit_heads").selectAll().where("seq", ">", 0).execute();
}

export async function auditAnchorsOf(db: Db, chain: string): Promise<Database["audit_anchors"][]> {
  return db.selectFrom("audit_anchors").selectAll().where("chain", "=", chain).orderBy("seq").execute();
}

/** The newest signed anchor of a chain, if any. */
export async function latestAuditAnchor(
  db: Db,
  chain: string,
): Promise<Pick<Database["audit_anchors"], "seq" | "created_at"> | undefined> {
  return db
    .selectFrom("audit_anchors")
    .select(["seq", "created_at"])
    .where("chain", "=", chain)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Stores an anchor unless the chain already has one at that seq; returns how many rows were inserted. */
export async function insertAuditAnchor(db: Db, anchor: Database["audit_anchors"]): Promise<number> {
  const result = await db
    .insertInto("audit_anchors")
    .values(anchor)
    .onConflict((oc) => oc.columns(["chain", "seq"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The organisation's chain narrowed by the DPO's filter, with actor names for staff of the organisation. */
function filteredEntries(
  db: Db,
  orgId: string,
  filter: AuditFilterQuery,
): SelectQueryBuilder<Database & { actor: Database["accounts"] }, "audit_events" | "actor", AuditEntryRow> {
  let q = db
    .selectFrom("audit_events")
    // Names only for staff of this organisation; clients stay pseudonymous ids.
    .leftJoin("accounts as actor", (join) =>
      join
        .onRef("actor.id", "=", "audit_events.actor_id")
        .on("actor.kind", "=", "staff")
        .on("actor.organisation_id", "=", orgId),
    )
    .selectAll("audit_events")
    .select("actor.username as actor_name")
    .where("audit_events.chain", "=", chainOf(orgId));
  if (filter.from !== undefined) q = q.where("audit_events.created_at", ">=", filter.from);
  if (filter.to !== undefined) q = q.where("audit_events.created_at", "<", filter.to);
  if (filter.action !== undefined) {
    // "case." is a category (prefix); substr instead of LIKE, where "_" would be a wildcard.
    q = filter.action.endsWith(".")
      ? q.where(sql<string>`substr(audit_events.action, 1, ${filter.action.length})`, "=", filter.action)
      : q.where("audit_events.action", "=", filter.action);
  }
  if (filter.actorId !== undefined) q = q.where("audit_events.actor_id", "=", filter.actorId);
  if (filter.targetType !== undefined) q = q.where("audit_events.target_type", "=", filter.targetType);
  if (filter.targetId !== undefined) q = q.where("audit_events.target_id", "=", filter.targetId);
  return q as never;
}

/** Newest first, below seq `before` when given, at most `limit` rows. */
export async function auditEntriesNewestFirst(
  db: Db,
  props: { orgId: string; filter: AuditFilterQuery; before?: number | undefined; limit: number },
): Promise<AuditEntryRow[]> {
  let q = filteredEntries(db, props.orgId, props.filter);
  if (props.before !== undefined) q = q.where("audit_events.seq", "<", props.before);
  return q.orderBy("audit_events.seq", "desc").limit(props.limit).execute();
}

/** In chain order, at most `limit` rows. */
export async function auditEntriesInChainOrder(
  db: Db,
  props: { orgId: string; filter: AuditFilterQuery; limit: number },
): Promise<AuditEntryRow[]> {
  return filteredEntries(db, props.orgId, props.filter).orderBy("audit_events.seq", "asc").limit(props.limit).execute();
}
