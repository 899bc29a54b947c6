// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BLOB_CHUNK_BYTES,
  BlobExistsError,
  BlobNotFoundError,
  BlobRangeError,
  BlobTooLargeError,
  createBlobStore,
  InvalidBlobIdError,
  type BlobStore,
} from "../../src/infra/blobs/index";
import type { Clock } from "../../src/infra/jobs/clock";
import { createTestDb, type TestDb } from "../helpers/databases";

const newId = () => crypto.randomBytes(12).toString("base64url");
const bytes = (n: number) => new Uint8Array(crypto.randomBytes(n));

async function read(store: BlobStore, id: string, range?: { start: number; end?: number }): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of await store.get(id, range)) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}

async function* pieces(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.byteLength; i += size) yield data.subarray(i, i + size);
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe.each(["sqlite", "postgres"] as const)("blob store on %s", (dialect) => {
  let t: TestDb;
  let store: BlobStore;
  const clock = {
    time: 1_700_000_000_000,
    now() {
      return this.time;
    },
  } satisfies Clock & { time: number };
  beforeAll(async () => {
    t = await createTestDb(dialect);
    store = createBlobStore({ db: t, dataDir: t.dataDir, clock });
  });
  afterAll(async () => t.destroy());

  it("picks the store that fits the dialect", () => {
    expect(store.kind).toBe(dialect === "postgres" ? "postgres" : "fs");
  });

  it.each([
    ["empty", 0],
    ["one byte", 1],
    ["exactly one chunk", BLOB_CHUNK_BYTES],
    ["several chunks", 2 * BLOB_CHUNK_BYTES + 7],
  ])("round-trips a blob: %s", async (_, n) => {
    const id = newId();
    const data = bytes(n);
    // Odd piece size, so pieces straddle chunk boundaries.
    expect(await store.put(id, pieces(data, 100_003))).toEqual({ size: n });
    expect(await store.size(id)).toBe(n);
    expect(Buffer.from(await read(store, id)).equals(Buffer.from(data))).toBe(true);
  });

  it("accepts a plain Uint8Array and refuses to overwrite", async () => {
    const id = newId();
    await store.put(id, bytes(10));
    await expect(store.put(id, bytes(5))).rejects.toThrow(BlobExistsError);
    expect(await store.size(id)).toBe(10);
  });

  it("serves ranges, clamps the end and rejects starts beyond the end", async () => {
    const id = newId();
    const data = bytes(BLOB_CHUNK_BYTES + 10);
    await store.put(id, data);
    const slice = async (start: number, end?: number) =>
      Buffer.from(await read(store, id, end === undefined ? { start } : { start, end }));
    expect(await slice(0, 0)).toEqual(Buffer.alloc(0));
    expect(await slice(0, 1)).toEqual(Buffer.from(data.subarray(0, 1)));
    expect(await slice(BLOB_CHUNK_BYTES - 1, BLOB_CHUNK_BYTES + 1)).toEqual(
      Buffer.from(data.subarray(BLOB_CHUNK_BYTES - 1, BLOB_CHUNK_BYTES + 1)),
    );
    expect(await slice(BLOB_CHUNK_BYTES)).toEqual(Buffer.from(data.subarray(BLOB_CHUNK_BYTES)));
    expect(await slice(5, 10_000_000)).toEqual(Buffer.from(data.subarray(5)));
    expect(await slice(data.byteLength)).toEqual(Buffer.alloc(0));
    await expect(store.get(id, { start: data.byteLength + 1 })).rejects.toThrow(BlobRangeError);
    await expect(store.get(id, { start: 5, end: 4 })).rejects.toThrow(BlobRangeError);
    await expect(store.get(id, { start: -1 })).rejects.toThrow(BlobRangeError);
  });

  it("enforces maxBytes and then stores nothing", async () => {
    const id = newId();
    await expect(
      store.put(id, pieces(bytes(BLOB_CHUNK_BYTES * 2), 50_000), {
        maxBytes: BLOB_CHUNK_BYTES + 1,
      }),
    ).rejects.toThrow(BlobTooLargeError);
    expect(await store.size(id)).toBeNull();
    expect(await store.sweepIncomplete(0)).toBe(0); // nothing left behind either
    expect((await store.put(id, bytes(100), { maxBytes: 100 })).size).toBe(100);
  });

  it("leaves nothing when the upload stream fails midway", async () => {
    const id = newId();
    async function* broken() {
      yield bytes(BLOB_CHUNK_BYTES + 5);
      throw new Error("client went away");
    }
    await expect(store.put(id, broken())).rejects.toThrow("client went away");
    expect(await store.size(id)).toBeNull();
    await expect(store.get(id)).rejects.toThrow(BlobNotFoundError);
  });

  it("deletes, and reports missing blobs", async () => {
    const id = newId();
    await store.put(id, bytes(3));
    expect(await store.delete(id)).toBe(true);
    expect(await store.delete(id)).toBe(false);
    expect(await store.size(id)).toBeNull();
    await expect(store.get(id)).rejects.toThrow(BlobNotFoundError);
  });

  it("rejects invalid ids before touching storage", async () => {
    for (const bad of [
      "short",
      "../../../etc/passwd",
      "a/b/c/d/e/f",
      "..%2f..%2fxx",
      "x".repeat(65),
      "with space!",
      ".tmp.abcdefgh",
      "",
    ]) {
      await expect(store.put(bad, bytes(1))).rejects.toThrow(InvalidBlobIdError);
      await expect(store.get(bad)).rejects.toThrow(InvalidBlobIdError);
      await expect(store.size(bad)).rejects.toThrow(InvalidBlobIdError);
      await expect(store.delete(bad)).rejects.toThrow(InvalidBlobIdError);
    }
  });

  it("ends with one complete blob when two puts of one id race", async () => {
    const id = newId();
    const [a, b] = [bytes(BLOB_CHUNK_BYTES * 2 + 1), bytes(BLOB_CHUNK_BYTES + 3)];
    const results = await Promise.allSettled([store.put(id, pieces(a, 70_000)), store.put(id, pieces(b, 70_000))]);
    const won = results.findIndex((r) => r.status === "fulfilled");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(BlobExistsError);
    expect(Buffer.from(await read(store, id)).equals(Buffer.from(won === 0 ? a : b))).toBe(true);
    expect(await store.sweepIncomplete(0)).toBe(0);
  });

  it("lists complete blobs with size and creation time", async () => {
    const id = newId();
    clock.time += 60_000;
    await store.put(id, bytes(42));
    const listed = (await all(store.list())).find((b) => b.id === id);
    expect(listed).toEqual({ id, size: 42, createdAt: clock.time });
  });

  it("sweeps only leftovers older than the cutoff", async () => {
    if (dialect === "postgres") {
      await t.db
        .insertInto("blobs")
        .values({
          id: ".tmp.crashed",
          chunk: 0,
          data: Buffer.from("x"),
          created_at: clock.time - 10_000,
        })
        .execute();
    } else {
      const tmp = path.join(t.dataDir, "blobs", ".tmp");
      fs.mkdirSync(tmp, { recursive: true });
      fs.writeFileSync(path.join(tmp, "crashed"), "x");
      const old = (clock.time - 10_000) / 1000;
      fs.utimesSync(path.join(tmp, "crashed"), old, old);
    }
    expect((await all(store.list())).some((b) => b.id.includes("crashed"))).toBe(false);
    expect(await store.sweepIncomplete(20_000)).toBe(0);
    expect(await store.sweepIncomplete(5_000)).toBe(1);
  });

  it("property: any data, any range, equals the slice", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: BLOB_CHUNK_BYTES * 2 + 100 }),
        fc.integer({ min: 1, max: 300_000 }),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        async (size, pieceSize, startSeed, endSeed) => {
          const id = newId();
          const data = bytes(size);
          await store.put(id, pieces(data, pieceSize));
          const start = startSeed % (size + 1);
          const end = endSeed === undefined ? undefined : start + (endSeed % (size - start + 10));
          const got = await read(store, id, end === undefined ? { start } : { start, end });
          expect(Buffer.from(got).equals(Buffer.from(data.subarray(start, end)))).toBe(true);
          await store.delete(id);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("filesystem blob layout", () => {
  it("stores <dataDir>/blobs/<2 chars>/<id> readable by the owner only", async () => {
    const t = await createTestDb("sqlite", { migrate: false });
    try {
      const store = createBlobStore({ db: t, dataDir: t.dataDir });
      await store.put("AbCdEfGhIj", new Uint8Array([1, 2, 3]));
      const file = path.join(t.dataDir, "blobs", "Ab", "AbCdEfGhIj");
      expect(fs.readFileSync(file)).toEqual(Buffer.from([1, 2, 3]));
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(path.join(t.dataDir, "blobs", ".tmp"))).toEqual([]);
    } finally {
      await t.destroy();
    }
  });
});
