// SPDX-License-Identifier: AGPL-3.0-or-later
import type SQLite from "better-sqlite3";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../context";
import type { Database, MessagesTable } from "../db/schema";
import type { Membership } from "./conversations-policy";

/**
 * The few statements on the message hot path (send and delivery), behind
 * one interface with two implementations: Kysely inside a transaction
 * (PostgreSQL), and cached prepared better-sqlite3 statements (SQLite).
 * The SQLite path exists because the profile of `npm run bench` showed
 * Kysely's per-query compile and `prepare` dominating a send, not the
 * fsync (docs/PERFORMANCE.md).
 */
export interface BatchOps {
  membership(conversationId: string, accountId: string): Promise<Membership | undefined>;
  existing(
    senderId: string,
    clientMsgId: string,
  ): Promise<{ conversation_id: string; seq: number; id: string; created_at: number } | undefined>;
  target(id: string, conversationId: string): Promise<{ sender_id: string; kind: string } | undefined>;
  /** Reserves `count` seqs and returns the first. */
  allocate(conversationId: string, count: number): Promise<number>;
  markOwn(conversationId: string, accountId: string, seq: number): Promise<void>;
  insert(rows: MessagesTable[]): Promise<void>;
  /**
   * Kysely bound to this transaction, for the rare paths off the hot one
   * (case and notes conversations, services/cases-messages.ts).
   */
  readonly db: Kysely<Database>;
}

type MembershipRow = {
  organisation_id: string | null;
  kind: Membership["kind"];
  role: Membership["role"];
  left_at: number | null;
  read_seq: number;
  delivered_seq: number;
};

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
  };
}

export function kyselyOps(trx: Transaction<Database>): BatchOps {
  return {
    db: trx,
    membership: async (conversationId, accountId) =>
      toMembership(
        conversationId,
        await trx
          .selectFrom("conversation_members as m")
          .innerJoin("conversations as c", "c.id", "m.conversation_id")
          .select(["c.organisation_id", "c.kind", "m.role", "m.left_at", "m.read_seq", "m.delivered_seq"])
          .where("m.conversation_id", "=", conversationId)
          .where("m.account_id", "=", accountId)
          .executeTakeFirst(),
      ),
    existing: (senderId, clientMsgId) =>
      trx
        .selectFrom("messages")
        .select(["conversation_id", "seq", "id", "created_at"])
        .where("sender_id", "=", senderId)
        .where("client_msg_id", "=", clientMsgId)
        .executeTakeFirst(),
    target: (id, conversationId) =>
      trx
        .selectFrom("messages")
        .select(["sender_id", "kind"])
        .where("id", "=", id)
        .where("conversation_id", "=", conversationId)
        .executeTakeFirst(),
    allocate: async (conversationId, count) => {
      const { next_seq } = await trx
        .updateTable("conversations")
        .set({ next_seq: sql<number>`next_seq + ${count}` })
        .where("id", "=", conversationId)
        .returning("next_seq")
        .executeTakeFirstOrThrow();
      return next_seq - count;
    },
    markOwn: async (conversationId, accountId, seq) => {
      await trx
        .updateTable("conversation_members")
        .set({
          read_seq: sql<number>`case when read_seq < ${seq} then ${seq} else read_seq end`,
          delivered_seq: sql<number>`case when delivered_seq < ${seq} then ${seq} else delivered_seq end`,
        })
        .where("conversation_id", "=", conversationId)
        .where("account_id", "=", accountId)
        .execute();
    },
    insert: async (rows) => {
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto("messages")
          .values(rows.slice(i, i + 200))
          .execute();
    },
  };
}

const MESSAGE_COLUMNS = "conversation_id, seq, id, sender_id, envelope, kind, replaces_id, created_at";

function prepareAll(conn: SQLite.Database) {
  return {
    membership: conn.prepare<[string, string], MembershipRow>(
      "SELECT c.organisation_id, c.kind, m.role, m.left_at, m.read_seq, m.delivered_seq FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id WHERE m.conversation_id = ? AND m.account_id = ?",
    ),
    existing: conn.prepare<[string, string], { conversation_id: string; seq: number; id: string; created_at: number }>(
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
    membership: async (conversationId, accountId) =>
      toMembership(conversationId, s.membership.get(conversationId, accountId)),
    existing: async (senderId, clientMsgId) => s.existing.get(senderId, clientMsgId),
    target: async (id, conversationId) => s.target.get(id, conversationId),
    allocate: async (conversationId, count) => s.allocate.get(count, conversationId)!.next_seq - count,
    markOwn: async (conversationId, accountId, seq) => void s.markOwn.run(seq, seq, conversationId, accountId),
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
  if (!conn) return ctx.db.db.transaction().execute((trx) => fn(kyselyOps(trx)));
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
