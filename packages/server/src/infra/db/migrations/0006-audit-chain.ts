// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";

/**
 * Tamper-evident audit log: every event is linked into a hash chain per
 * organisation (plus one chain for instance-level events), and the chain
 * heads are periodically anchored with a signature so that a cut-off tail is
 * detected too. Existing events are chained in id order here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_events").addColumn("chain", "text").execute();
  await db.schema.alterTable("audit_events").addColumn("seq", "bigint").execute();
  await db.schema.alterTable("audit_events").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_events").addColumn("hash", "text").execute();

  await db.schema
    .createTable("audit_heads")
    .addColumn("chain", "text", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_anchors")
    .addColumn("chain", "text", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("audit_anchors_pk", ["chain", "seq"])
    .execute();

  // Chain what is already there, in insertion order.
  type Row = {
    id: number;
    organisation_id: string | null;
    actor_id: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    data: string;
    created_at: number;
  };
  const rows = (
    await sql<Row>`select id, organisation_id, actor_id, action, target_type, target_id, data, created_at from audit_events order by id`.execute(
      db,
    )
  ).rows;
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const row of rows) {
    const chain = row.organisation_id ?? "instance";
    const head = heads.get(chain) ?? { seq: 0, hash: GENESIS_HASH };
    const seq = head.seq + 1;
    const hash = auditHash({ chain, seq, prevHash: head.hash, ...toFields(row) });
    await sql`update audit_events set chain = ${chain}, seq = ${seq}, prev_hash = ${head.hash}, hash = ${hash} where id = ${row.id}`.execute(
      db,
    );
    heads.set(chain, { seq, hash });
  }
  for (const [chain, head] of heads) {
    await sql`insert into audit_heads (chain, seq, hash) values (${chain}, ${head.seq}, ${head.hash})`.execute(db);
  }
  await db.schema
    .createIndex("audit_events_chain_seq_uq")
    .on("audit_events")
    .columns(["chain", "seq"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("audit_events_chain_seq_uq").execute();
  await db.schema.dropTable("audit_anchors").execute();
  await db.schema.dropTable("audit_heads").execute();
  for (const c of ["hash", "prev_hash", "seq", "chain"])
    await db.schema.alterTable("audit_events").dropColumn(c).execute();
}

// Frozen copy of the hash rule as of this migration (the service uses the same definition).
const GENESIS_HASH = "0".repeat(64);

function toFields(row: {
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: string;
  created_at: number;
}) {
  return {
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    createdAt: Number(row.created_at),
  };
}

function auditHash(e: {
  chain: string;
  seq: number;
  prevHash: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: string;
  createdAt: number;
}): string {
  const canonical = JSON.stringify([
    "obhut/v1/audit",
    e.chain,
    e.seq,
    e.prevHash,
    e.actorId,
    e.action,
    e.targetType,
    e.targetId,
    e.data,
    e.createdAt,
  ]);
  return crypto.createHash("sha256").update(canonical).digest("hex");
}
