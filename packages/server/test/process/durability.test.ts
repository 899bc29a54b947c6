// SPDX-License-Identifier: AGPL-3.0-or-later
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteFile } from "../../src/infra/db/connect";
import { tempDir } from "../helpers/databases";
import { fakeKeyBundle } from "../helpers/opaque-client";
import { spawnServer } from "../helpers/process";

/**
 * "Acknowledged means stored": writes are fired at a real server process,
 * which is killed with SIGKILL mid-burst. Every write that got its 201 must
 * be in the database after the crash, exactly once.
 */
describe("acknowledged writes survive kill -9 (SQLite)", () => {
  const dataDir = tempDir();
  afterAll(() => undefined);

  it("keeps every acknowledged account after SIGKILL", async () => {
    const server = await spawnServer(["--data-dir", dataDir], { OBHUT_RATE_LIMITS: "auth=1000000" });
    const acked: string[] = [];
    let stop = false;
    let counter = 0;
    const record = Buffer.alloc(96, 3).toString("base64url");
    const worker = async () => {
      while (!stop) {
        const username = `burst-${counter++}`;
        try {
          const res = await fetch(`${server.url}/api/auth/register/finish`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username, registrationRecord: record, keyBundle: fakeKeyBundle() }),
          });
          if (res.status === 201) acked.push(username);
          else if (!stop) throw new Error(`unexpected status ${res.status}`);
        } catch (err) {
          if (!stop) throw err;
          return; // the connection died with the server: not acknowledged, may or may not be stored
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    // Kill while requests are in flight, once a good number has been acknowledged.
    while (acked.length < 300) await new Promise((r) => setImmediate(r));
    server.child.kill("SIGKILL");
    stop = true;
    await server.exited;
    await Promise.allSettled(workers);
    expect(acked.length).toBeGreaterThanOrEqual(300);

    // Restart on the same data folder: the server recovers the WAL and serves again.
    const again = await spawnServer(["--data-dir", dataDir]);
    expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
    await again.stop();

    const db = new SQLite(sqliteFile(dataDir), { readonly: true });
    const rows = db.prepare("SELECT username FROM accounts WHERE username LIKE 'burst-%'").all() as {
      username: string;
    }[];
    db.close();
    const stored = new Set(rows.map((r) => r.username));
    expect(rows.length).toBe(stored.size); // no duplicates
    const missing = acked.filter((u) => !stored.has(u));
    expect(missing).toEqual([]);
  });
});
