// SPDX-License-Identifier: AGPL-3.0-or-later
import type SQLite from "better-sqlite3";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { DialectName } from "../../infra/db/dialect";
import type { Database, MessagesTable } from "../../infra/db/schema";
import type { Membership } from "../../policies";

/**
 * The few statements on the message hot path (send and delivery), behind
 * one interface with two implementations: Kysely inside a transaction
 * (PostgreSQL), and cached prepared better-sqlite3 statements (SQLite).
 * The SQLite path exists because the profile of `npm run bench` showed
 * Kysely's per-query compile and `prepare` dominating a send, not the
 * fsync (docs/PERFORMANCE.md).
 */
export interface BatchOps {
  /**
   * Memberships of many (conversation, account) pairs, keyed by `pairKey`.
   * PostgreSQL answers all in one round trip; SQLite runs its prepared
   * statement per pair (no round trips there).
   */
  memberships(
    pairs: readonly (readonly [conversationId: string, accountId: string])[],
  ): Promise<Map<string, Membership>>;
  /** Earlier sends with these (sender, clientMsgId) pairs, keyed by `pairKey`. */
  existing(pairs: readonly (readonly [senderId: string, clientMsgId: string])[]): Promise<Map<string, ExistingSend>>;
  target(id: string, conversationId: string): Promise<{ sender_id: string; kind: string } | undefined>;
  /**
   * Reserves `count` seqs per conversation and returns the first of each.
   * Conversations are locked in id order, so concurrent batches on other
   * nodes cannot deadlock.
   */
  allocate(counts: ReadonlyMap<string, number>): Promise<Map<string, number>>;
  /** Raises read and delivered markers of senders to their own newest message. */
  markOwn(marks: readonly { conversationId: string; accountId: string; seq: number }[]): Promise<void>;
  insert(rows: MessagesTable[]): Promise<void>;
  /**
   * Kysely bound to this transaction, for the rare paths off the hot one
   * (case and notes conversations, modules/cases/messages.ts).
   */
  readonly db: Kysely<Database>;
}

type Db = Kysely<Database> | Transaction<Database>;

export interface ExistingSend {
  conversation_id: string;
  seq: number;
  id: string;
  created_at: number;
}

/** Map key of a pair of ids (ids never contain NUL). */
export function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

type MembershipRow = {
  organisation_id: string | null;
  kind: Membership["kind"];
  role: Membership["role"];
  left_at: number | null;
  read_seq: number;
  delivered_seq: number;
  // The conversation's epoch facts for the send gate's epoch rule (policies/gates/epoch-rotation.ts).
  current_epoch: number;
  next_seq: number;
  epoch_started_seq: number;
  epoch_started_at: number | null;
  rotation_owed_since: number | null;
};

/** The membership columns and the conversation's epoch facts, as every membership query here selects them. */
const MEMBERSHIP_SQL =
  "c.organisation_id, c.kind, m.role, m.left_at, m.read_seq, m.delivered_seq, c.current_epoch, c.next_seq, c.epoch_started_seq, c.epoch_started_at, c.rotation_owed_since";
const MEMBERSHIP_COLUMNS = [
  "c.organisation_id",
  "c.kind",
  "m.role",
  "m.left_at",
  "m.read_seq",
  "m.delivered_seq",
  "c.current_epoch",
  "c.next_seq",
  "c.epoch_started_seq",
  "c.epoch_started_at",
  "c.rotation_owed_since",
] as const;

function toMembership(conversationId: string, row: MembershipRow | undefined): Membership | undefined {
  if (!row) return undefined;
  return {
    conversationId,
    organisationId: row.organisation_id,
    kind: row.kind,
    role: row.role,
    leftAt: row.left_at,
    readSeq: row.read_seq,
    deliveredSeq: row.delivered_seq,
    epoch: {
      currentEpoch: Number(row.current_epoch),
      nextSeq: Number(row.next_seq),
      epochStartedSeq: Number(row.epoch_started_seq),
      epochStartedAt: row.epoch_started_at === null ? null : Number(row.epoch_started_at),
      rotationOwedSince: row.rotation_owed_since === null ? null : Number(row.rotation_owed_since),
    },
  };
}

/** `(a, b), (c, d), …` for a VALUES list or a row-value IN list. */
function tuples(values: readonly (readonly unknown[])[]) {
  return sql.join(values.map((v) => sql`(${sql.join(v.map((x) => sql`${x}`))})`));
}

/**
 * Kysely inside a transaction. On PostgreSQL every step of a batch is one
 * round trip, whatever its size (docs/PERFORMANCE.md); on SQLite (the rare
 * caller that holds a Kysely transaction there, e.g. opening a case) one
 * portable query per item.
 */
export function kyselyOps(trx: Transaction<Database>, dialect: DialectName): BatchOps {
  return dialect === "postgres" ? batchedKyselyOps(trx) : perItemKyselyOps(trx);
}

function perItemKyselyOps(trx: Transaction<Database>): BatchOps {
  return {
    db: trx,
    memberships: async (pairs) => {
      const out = new Map<string, Membership>();
      for (const [conversationId, accountId] of pairs) {
        const row = await trx
          .selectFrom("conversation_members as m")
          .innerJoin("conversations as c", "c.id", "m.conversation_id")
          .select(MEMBERSHIP_COLUMNS)
          .where("m.conversation_id", "=", conversationId)
          .where("m.account_id", "=", accountId)
          .executeTakeFirst();
        if (row) out.set(pairKey(conversationId, accountId), toMembership(conversationId, row)!);
      }
      return out;
    },
    existing: async (pairs) => {
      const out = new Map<string, ExistingSend>();
      for (const [senderId, clientMsgId] of pairs) {
        const row = await findEarlierSend(trx, senderId, clientMsgId);
        if (row) out.set(pairKey(senderId, clientMsgId), row);
      }
      return out;
    },
    target: (id, conversationId) => selectTarget(trx, id, conversationId),
    allocate: async (counts) => {
      const out = new Map<string, number>();
      for (const id of [...counts.keys()].sort()) {
        const count = counts.get(id)!;
        const { next_seq } = await trx
          .updateTable("conversations")
          .set({ next_seq: sql<number>`next_seq + ${count}` })
          .where("id", "=", id)
          .returning("next_seq")
          .executeTakeFirstOrThrow();
        out.set(id, next_seq - count);
      }
      return out;
    },
    markOwn: async (marks) => {
      for (const k of marks)
        await trx
          .updateTable("conversation_members")
          .set({
            read_seq: sql<number>`case when read_seq < ${k.seq} then ${k.seq} else read_seq end`,
            delivered_seq: sql<number>`case when delivered_seq < ${k.seq} then ${k.seq} else delivered_seq end`,
          })
          .where("conversation_id", "=", k.conversationId)
          .where("account_id", "=", k.accountId)
          .execute();
    },
    insert: (rows) => insertRows(trx, rows),
  };
}

/**
 * The earlier send of this sender with this clientMsgId, if any: per item on
 * the Kysely path, and the committer's look-up after a lone send lost the
 * unique constraint to a concurrent retry.
 */
export function findEarlierSend(db: Db, senderId: string, clientMsgId: string): Promise<ExistingSend | undefined> {
  return db
    .selectFrom("messages")
    .select(["conversation_id", "seq", "id", "created_at"])
    .where("sender_id", "=", senderId)
    .where("client_msg_id", "=", clientMsgId)
    .executeTakeFirst();
}

function selectTarget(trx: Transaction<Database>, id: string, conversationId: string) {
  return trx
    .selectFrom("messages")
    .select(["sender_id", "kind"])
    .where("id", "=", id)
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
}

async function insertRows(trx: Transaction<Database>, rows: MessagesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto("messages")
      .values(rows.slice(i, i + 200))
      .execute();
}

function batchedKyselyOps(trx: Transaction<Database>): BatchOps {
  return {
    db: trx,
    memberships: async (pairs) => {
      const out = new Map<string, Membership>();
      if (!pairs.length) return out;
      const { rows: found } = await sql<MembershipRow & { conversation_id: string; account_id: string }>`
        SELECT m.conversation_id, m.account_id, ${sql.raw(MEMBERSHIP_SQL)}
        FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
        WHERE (m.conversation_id, m.account_id) IN (${tuples(pairs)})`.execute(trx);
      for (const row of found)
        out.set(pairKey(row.conversation_id, row.account_id), toMembership(row.conversation_id, row)!);
      return out;
    },
    existing: async (pairs) => {
      const out = new Map<string, ExistingSend>();
      if (!pairs.length) return out;
      const { rows: found } = await sql<ExistingSend & { sender_id: string; client_msg_id: string }>`
        SELECT sender_id, client_msg_id, conversation_id, seq, id, created_at FROM messages
        WHERE (sender_id, client_msg_id) IN (${tuples(pairs)})`.execute(trx);
      for (const row of found) out.set(pairKey(row.sender_id, row.client_msg_id), row);
      return out;
    },
    target: (id, conversationId) => selectTarget(trx, id, conversationId),
    allocate: async (counts) => {
      const out = new Map<string, number>();
      if (!counts.size) return out;
      const ids = [...counts.keys()].sort();
      // Lock in id order first; the UPDATE … FROM below gives no order of its own.
      await sql`SELECT id FROM conversations WHERE id IN (${sql.join(ids)}) ORDER BY id FOR UPDATE`.execute(trx);
      const { rows: updated } = await sql<{ id: string; next_seq: number }>`
        UPDATE conversations AS c SET next_seq = c.next_seq + v.n
        FROM (VALUES ${tuples(ids.map((id) => [id, sql`${counts.get(id)!}::bigint`]))}) AS v(id, n)
        WHERE c.id = v.id RETURNING c.id, c.next_seq`.execute(trx);
      for (const row of updated) out.set(row.id, Number(row.next_seq) - counts.get(row.id)!);
      if (out.size !== ids.length) throw new Error("conversation vanished during a send batch");
      return out;
    },
    markOwn: async (marks) => {
      if (!marks.length) return;
      await sql`
        UPDATE conversation_members AS m
        SET read_seq = GREATEST(m.read_seq, v.seq), delivered_seq = GREATEST(m.delivered_seq, v.seq)
        FROM (VALUES ${tuples(marks.map((k) => [k.conversationId, k.accountId, sql`${k.seq}::bigint`]))})
          AS v(conversation_id, account_id, seq)
        WHERE m.conversation_id = v.conversation_id AND m.account_id = v.account_id`.execute(trx);
    },
    insert: (rows) => insertRows(trx, rows),
  };
}

const MESSAGE_COLUMNS = "conversation_id, seq, id, sender_id, envelope, kind, replaces_id, created_at";

function prepareAll(conn: SQLite.Database) {
  return {
    membership: conn.prepare<[string, string], MembershipRow>(
      `SELECT ${MEMBERSHIP_SQL} FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id WHERE m.conversation_id = ? AND m.account_id = ?`,
    ),
    existing: conn.prepare<[string, string], ExistingSend>(
      "SELECT conversation_id, seq, id, created_at FROM messages WHERE sender_id = ? AND client_msg_id = ?",
    ),
    target: conn.prepare<[string, string], { sender_id: string; kind: string }>(
      "SELECT sender_id, kind FROM messages WHERE id = ? AND conversation_id = ?",
    ),
    allocate: conn.prepare<[number, string], { next_seq: number }>(
      "UPDATE conversations SET next_seq = next_seq + ? WHERE id = ? RETURNING next_seq",
    ),
    markOwn: conn.prepare<[number, number, string, string]>(
      "UPDATE conversation_members SET read_seq = max(read_seq, ?), delivered_seq = max(delivered_seq, ?) WHERE conversation_id = ? AND account_id = ?",
    ),
    insert: conn.prepare(
      "INSERT INTO messages (conversation_id, seq, id, sender_id, client_msg_id, envelope, size, kind, replaces_id, created_at) VALUES (@conversation_id, @seq, @id, @sender_id, @client_msg_id, @envelope, @size, @kind, @replaces_id, @created_at)",
    ),
    after: conn.prepare<
      [string, number, number],
      Pick<
        MessagesTable,
        "conversation_id" | "seq" | "id" | "sender_id" | "envelope" | "kind" | "replaces_id" | "created_at"
      >
    >(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
  };
}

const statements = new WeakMap<SQLite.Database, ReturnType<typeof prepareAll>>();

function statementsOf(conn: SQLite.Database): ReturnType<typeof prepareAll> {
  let s = statements.get(conn);
  if (!s) statements.set(conn, (s = prepareAll(conn)));
  return s;
}

function sqliteOps(conn: SQLite.Database, db: Kysely<Database>): BatchOps {
  const s = statementsOf(conn);
  return {
    db,
    memberships: async (pairs) => {
      const out = new Map<string, Membership>();
      for (const [conversationId, accountId] of pairs) {
        const m = toMembership(conversationId, s.membership.get(conversationId, accountId));
        if (m) out.set(pairKey(conversationId, accountId), m);
      }
      return out;
    },
    existing: async (pairs) => {
      const out = new Map<string, ExistingSend>();
      for (const [senderId, clientMsgId] of pairs) {
        const row = s.existing.get(senderId, clientMsgId);
        if (row) out.set(pairKey(senderId, clientMsgId), row);
      }
      return out;
    },
    target: async (id, conversationId) => s.target.get(id, conversationId),
    // SQLite runs one write transaction at a time (BEGIN IMMEDIATE): no lock order to keep.
    allocate: async (counts) =>
      new Map([...counts].map(([id, count]) => [id, s.allocate.get(count, id)!.next_seq - count])),
    markOwn: async (marks) => {
      for (const k of marks) s.markOwn.run(k.seq, k.seq, k.conversationId, k.accountId);
    },
    insert: async (rows) => {
      for (const row of rows) s.insert.run(row);
    },
  };
}

/**
 * Runs `fn` in one transaction. On SQLite the raw connection is used while
 * holding Kysely's connection (its mutex), so no other query can interleave
 * with this transaction or see its uncommitted rows.
 */
export async function inMessageTransaction<T>(ctx: AppContext, fn: (ops: BatchOps) => Promise<T>): Promise<T> {
  const conn = ctx.db.sqlite;
  if (!conn) return ctx.db.db.transaction().execute((trx) => fn(kyselyOps(trx, ctx.db.dialect)));
  return ctx.db.db.connection().execute(async (db) => {
    conn.exec("BEGIN IMMEDIATE");
    try {
      const result = await fn(sqliteOps(conn, db));
      conn.exec("COMMIT");
      return result;
    } catch (err) {
      if (conn.inTransaction) conn.exec("ROLLBACK");
      throw err;
    }
  });
}

/** Committed messages after `afterSeq`, oldest first (index range scan on the primary key). */
export async function selectMessagesAfter(ctx: AppContext, conversationId: string, afterSeq: number, limit: number) {
  const conn = ctx.db.sqlite;
  if (conn)
    return ctx.db.db.connection().execute(async () => statementsOf(conn).after.all(conversationId, afterSeq, limit));
  return ctx.db.db
    .selectFrom("messages")
    .select(["conversation_id", "seq", "id", "sender_id", "envelope", "kind", "replaces_id", "created_at"])
    .where("conversation_id", "=", conversationId)
    .where("seq", ">", afterSeq)
    .orderBy("seq", "asc")
    .limit(limit)
    .execute();
}

/** The columns a committed message is read with. */
export type StoredMessageRow = Pick<
  MessagesTable,
  "conversation_id" | "seq" | "id" | "sender_id" | "envelope" | "kind" | "replaces_id" | "created_at"
>;

/** The newest `limit` messages (before `before`, when given), newest first: a page of history. */
export async function selectMessagesBefore(
  db: Db,
  conversationId: string,
  before: number | undefined,
  limit: number,
): Promise<StoredMessageRow[]> {
  let q = db
    .selectFrom("messages")
    .select(["conversation_id", "seq", "id", "sender_id", "envelope", "kind", "replaces_id", "created_at"])
    .where("conversation_id", "=", conversationId);
  if (before !== undefined) q = q.where("seq", "<", before);
  return q.orderBy("seq", "desc").limit(limit).execute();
}
