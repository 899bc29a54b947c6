// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { runDirect, type DirectOptions } from "./direct";
import type { BenchServer } from "./harness";
import { nowMs, round } from "./stats";

/**
 * The physical ceilings issue #18 asks every figure to be set against, measured on the same machine in the
 * same run: `relay` — a bare `ws` relay (relay-server.mjs) driven by the very generator of `direct`, so the
 * difference to Obhut is storage, checks and delivery; `fsync` — a loop that only commits batches of rows of
 * the envelope size into a SQLite file with the server's settings (WAL, synchronous=FULL), so the difference
 * is everything but the disk.
 */
export async function runRelay(o: DirectOptions) {
  const child = spawn(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), "relay-server.mjs")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /relay at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`relay exited (${code})`)));
    });
    // Partners share a path: users 2k and 2k+1 talk to each other, as in `direct`.
    const relay: BenchServer = {
      url,
      urls: [url],
      urlFor: (i) => `${url}/pair-${Math.floor(i / 2)}`,
      pids: [child.pid!],
      pid: child.pid!,
      dataDir: "",
      db: undefined as never,
      stop: async () => {},
    };
    const users = Array.from({ length: o.users - (o.users % 2) }, (_, i) => ({ id: `relay-user-${i}`, cookie: "" }));
    return await runDirect(relay, o, {
      users,
      conversations: Array.from({ length: users.length / 2 }, (_, i) => `pair-${i}`),
    });
  } finally {
    child.kill("SIGTERM");
  }
}

export interface FsyncOptions {
  sizes: number[];
  seconds: number;
  batch: number;
}

/** Rows per second a SQLite file takes in batches, one transaction (and fsync) each: the disk's ceiling. */
export async function runFsync(o: FsyncOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obhut-bench-fsync-"));
  try {
    const db = new Database(path.join(dir, "fsync.sqlite"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec(
      "CREATE TABLE messages (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, envelope BLOB NOT NULL, PRIMARY KEY (conversation_id, seq))",
    );
    const insert = db.prepare("INSERT INTO messages (conversation_id, seq, envelope) VALUES (?, ?, ?)");
    const commit = db.transaction((rows: [string, number, Buffer][]) => {
      for (const row of rows) insert.run(...row);
    });
    const steps = [];
    let seq = 0;
    for (const size of o.sizes) {
      const envelope = crypto.randomBytes(size);
      let rows = 0;
      let commits = 0;
      const start = nowMs();
      while (nowMs() - start < o.seconds * 1000) {
        commit(
          Array.from({ length: o.batch }, (_, i) => [`conv-${i % 500}`, ++seq, envelope] as [string, number, Buffer]),
        );
        rows += o.batch;
        commits += 1;
      }
      const seconds = (nowMs() - start) / 1000;
      steps.push({
        envelopeBytes: size,
        batch: o.batch,
        rowsPerSec: round(rows / seconds, 0),
        commitsPerSec: round(commits / seconds, 0),
      });
      process.stderr.write(`fsync size=${size}: ${JSON.stringify(steps.at(-1))}\n`);
    }
    db.close();
    return { steps };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
