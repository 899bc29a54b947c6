// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Clock } from "../jobs/clock";
import { assertBlobId, limited, resolveRange, type BlobInfo, type BlobStore } from "./shared";
import { BlobExistsError, BlobNotFoundError } from "./errors";

/**
 * `<dataDir>/blobs/<first 2 chars>/<id>`; the two-character fan-out keeps
 * directories small. Uploads go to `blobs/.tmp/` (same file system, so the
 * final step is atomic) and become visible only when complete and fsync'd.
 */
export function createFsBlobStore({ dataDir, clock }: { dataDir: string; clock: Clock }): BlobStore {
  const root = path.join(dataDir, "blobs");
  const tmpDir = path.join(root, ".tmp");
  const fileOf = (id: string) => path.join(root, id.slice(0, 2), id);

  return {
    kind: "fs",

    async put(id, data, opts = {}) {
      assertBlobId(id);
      const final = fileOf(id);
      // Cheap early refusal; the link() below is the authoritative check.
      if (await exists(final)) throw new BlobExistsError(id);
      await fs.mkdir(tmpDir, { recursive: true, mode: 0o700 });
      const tmp = path.join(tmpDir, `${id}.${crypto.randomBytes(8).toString("hex")}`);
      const handle = await fs.open(tmp, "wx", 0o600);
      let size = 0;
      try {
        try {
          for await (const piece of limited(data, opts.maxBytes)) {
            let written = 0;
            while (written < piece.byteLength) {
              const { bytesWritten } = await handle.write(piece, written, piece.byteLength - written, size + written);
              written += bytesWritten;
            }
            size += piece.byteLength;
          }
          const seconds = clock.now() / 1000;
          await handle.utimes(seconds, seconds);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
        // link() fails with EEXIST instead of replacing (rename would), which
        // makes blobs immutable and concurrent puts of one id safe.
        try {
          await fs.link(tmp, final);
        } catch (err) {
          if (isCode(err, "EEXIST")) throw new BlobExistsError(id);
          throw err;
        }
        await fsyncDir(path.dirname(final));
      } finally {
        await fs.rm(tmp, { force: true });
      }
      return { size };
    },

    async get(id, range) {
      assertBlobId(id);
      const file = fileOf(id);
      const size = await statSize(file);
      if (size === null) throw new BlobNotFoundError(id);
      const { start, end } = resolveRange(size, range);
      // Opened lazily so that a caller that never reads does not leak a file handle.
      return (async function* () {
        if (end <= start) return;
        let handle: fs.FileHandle;
        try {
          handle = await fs.open(file, "r");
        } catch (err) {
          if (isCode(err, "ENOENT")) throw new BlobNotFoundError(id);
          throw err;
        }
        yield* handle.createReadStream({
          start,
          end: end - 1,
          autoClose: true,
        });
      })();
    },

    async size(id) {
      assertBlobId(id);
      return statSize(fileOf(id));
    },

    async delete(id) {
      assertBlobId(id);
      try {
        await fs.unlink(fileOf(id));
        return true;
      } catch (err) {
        if (isCode(err, "ENOENT")) return false;
        throw err;
      }
    },

    async *list(): AsyncGenerator<BlobInfo> {
      for (const dir of (await readdirOrEmpty(root)).sort()) {
        if (dir.startsWith(".")) continue;
        for (const id of (await readdirOrEmpty(path.join(root, dir))).sort()) {
          try {
            assertBlobId(id);
          } catch {
            continue;
          }
          const stat = await fs.stat(path.join(root, dir, id)).catch(() => null);
          if (stat) yield { id, size: stat.size, createdAt: Math.round(stat.mtimeMs) };
        }
      }
    },

    async sweepIncomplete(olderThanMs) {
      let removed = 0;
      const cutoff = clock.now() - olderThanMs;
      for (const name of await readdirOrEmpty(tmpDir)) {
        const file = path.join(tmpDir, name);
        const stat = await fs.stat(file).catch(() => null);
        // A put in progress keeps its file's mtime fresh only while it writes;
        // the cutoff must be longer than any upload may take.
        if (stat && stat.mtimeMs < cutoff) {
          await fs.rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

async function statSize(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).size;
  } catch (err) {
    if (isCode(err, "ENOENT")) return null;
    throw err;
  }
}

async function exists(file: string): Promise<boolean> {
  return (await statSize(file)) !== null;
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if (isCode(err, "ENOENT")) return [];
    throw err;
  }
}

/** Makes the new directory entry itself durable, not only the file's data. */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isCode(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code;
}
