// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Clock } from "../jobs/clock";
import { assertBlobId, limited, rechunk, resolveRange, type BlobInfo, type BlobStore } from "./shared";
import { BlobExistsError, BlobNotFoundError } from "./errors";

/** Rows of at most this many bytes; every chunk but the last is full, so offsets map to chunk numbers. */
export const BLOB_CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per query while reading: 1 MiB per round trip. */
const READ_BATCH = 4;
/**
 * Uploads are written under a staging id first. It starts with a dot, which
 * no valid blob id does, so it can never be read as a blob.
 */
const STAGING_PREFIX = ".tmp.";

/**
 * Blobs in the `blobs` table (PostgreSQL in scale-out mode, so that every
 * node sees every attachment). Chunks are inserted one statement at a time
 * under a staging id, then renamed to the real id in a single UPDATE: the
 * blob appears complete or not at all, and a slow upload does not hold a
 * pooled connection and a transaction open for its whole duration.
 */
export function createDbBlobStore({ db, clock }: { db: Kysely<Database>; clock: Clock }): BlobStore {
  const stat = async (id: string) => {
    const row = await db
      .selectFrom("blobs")
      .select([sql<number>`count(*)`.as("chunks"), sql<number | null>`sum(length(data))`.as("size")])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return Number(row.chunks) === 0 ? null : Number(row.size ?? 0);
  };

  return {
    kind: "postgres",

    async put(id, data, opts = {}) {
      assertBlobId(id);
      if ((await stat(id)) !== null) throw new BlobExistsError(id);
      const staging = STAGING_PREFIX + crypto.randomBytes(12).toString("hex");
      let size = 0;
      try {
        let chunk = 0;
        for await (const piece of rechunk(limited(data, opts.maxBytes), BLOB_CHUNK_BYTES)) {
          await db
            .insertInto("blobs")
            .values({
              id: staging,
              chunk: chunk++,
              data: toBuffer(piece),
              created_at: clock.now(),
            })
            .execute();
          size += piece.byteLength;
        }
        // An empty blob still has one (empty) row, so that it exists.
        if (chunk === 0) {
          await db
            .insertInto("blobs")
            .values({
              id: staging,
              chunk: 0,
              data: Buffer.alloc(0),
              created_at: clock.now(),
            })
            .execute();
        }
        try {
          await db.updateTable("blobs").set({ id, created_at: clock.now() }).where("id", "=", staging).execute();
        } catch (err) {
          // Another put of the same id committed first: the primary key says no.
          if (isUniqueViolation(err)) throw new BlobExistsError(id);
          throw err;
        }
        return { size };
      } finally {
        // No-op after a successful rename; removes the partial upload otherwise.
        await db
          .deleteFrom("blobs")
          .where("id", "=", staging)
          .execute()
          .catch(() => undefined);
      }
    },

    async get(id, range) {
      assertBlobId(id);
      const size = await stat(id);
      if (size === null) throw new BlobNotFoundError(id);
      const { start, end } = resolveRange(size, range);
      return (async function* () {
        if (end <= start) return;
        const first = Math.floor(start / BLOB_CHUNK_BYTES);
        const last = Math.floor((end - 1) / BLOB_CHUNK_BYTES);
        for (let from = first; from <= last; from += READ_BATCH) {
          const to = Math.min(from + READ_BATCH - 1, last);
          const rows = await db
            .selectFrom("blobs")
            .select(["chunk", "data"])
            .where("id", "=", id)
            .where("chunk", ">=", from)
            .where("chunk", "<=", to)
            .orderBy("chunk")
            .execute();
          // Deleted while we were reading.
          if (rows.length !== to - from + 1) throw new BlobNotFoundError(id);
          for (const row of rows) {
            const offset = row.chunk * BLOB_CHUNK_BYTES;
            const data = row.data as Uint8Array;
            yield data.subarray(Math.max(0, start - offset), Math.min(data.byteLength, end - offset));
          }
        }
      })();
    },

    async size(id) {
      assertBlobId(id);
      return stat(id);
    },

    async delete(id) {
      assertBlobId(id);
      const result = await db.deleteFrom("blobs").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async *list(): AsyncGenerator<BlobInfo> {
      // Keyset pages, so that listing a large store streams.
      let after = "";
      for (;;) {
        const rows = await db
          .selectFrom("blobs")
          .select(["id", sql<number>`sum(length(data))`.as("size"), sql<number>`max(created_at)`.as("created_at")])
          .where("id", ">", after)
          .where("id", "not like", `${STAGING_PREFIX}%`)
          .groupBy("id")
          .orderBy("id")
          .limit(500)
          .execute();
        for (const row of rows)
          yield {
            id: row.id,
            size: Number(row.size),
            createdAt: Number(row.created_at),
          };
        const lastRow = rows.at(-1);
        if (!lastRow || rows.length < 500) return;
        after = lastRow.id;
      }
    },

    async sweepIncomplete(olderThanMs) {
      const result = await db
        .deleteFrom("blobs")
        .where("id", "like", `${STAGING_PREFIX}%`)
        .where("created_at", "<", clock.now() - olderThanMs)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
