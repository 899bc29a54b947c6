// SPDX-License-Identifier: AGPL-3.0-or-later
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sqliteFile } from "../../src/infra/db/connect";
import { tempDir } from "../helpers/databases";
import { registerAccount } from "../helpers/opaque-client";
import { fetchSend } from "../helpers/net";
import { runCli, spawnServer } from "../helpers/process";

describe("obhut audit", () => {
  it("verify passes on an intact log, exports JSON lines, and exits 1 after a hand-edited row", async () => {
    const dataDir = tempDir();
    const server = await spawnServer(["--data-dir", dataDir]);
    const send = fetchSend(server.url);
    for (const name of ["audit-one", "audit-two", "audit-three"])
      expect((await registerAccount(send, name, "long enough password")).status).toBe(201);
    await server.stop();

    const anchor = await runCli(["audit", "anchor", "--data-dir", dataDir]);
    expect(anchor.stdout).toMatch(/Signed 1 new anchor/);
    const ok = await runCli(["audit", "verify", "--data-dir", dataDir]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    // Besides the three registrations the instance chain holds whatever the scheduled jobs recorded
    // (e.g. a retention run at start); every entry is covered by the anchor.
    const summary = /ok {3}chain instance: (\d+) entries, head (\d+), anchored up to (\d+)/.exec(ok.stdout);
    expect(summary, ok.stdout).not.toBeNull();
    const [, entries, head, anchored] = summary!.map(Number);
    expect(entries).toBeGreaterThanOrEqual(3);
    expect([head, anchored]).toEqual([entries, entries]);
    expect(ok.stdout).toMatch(/Anchor key fingerprint: ([0-9a-f]{4} ){7}[0-9a-f]{4}/);

    const exported = await runCli(["audit", "export", "--org", "instance", "--data-dir", dataDir]);
    const lines = exported.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; action?: string });
    const actions = lines.filter((l) => l.type === "entry").map((l) => l.action);
    expect(actions).toHaveLength(entries!);
    expect(actions.filter((a) => a === "account.registered")).toHaveLength(3);
    expect(lines.filter((l) => l.type === "anchor")).toHaveLength(1);

    const db = new SQLite(sqliteFile(dataDir));
    db.prepare("UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 2").run();
    db.close();
    const bad = await runCli(["audit", "verify", "--data-dir", dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL chain instance/);
    expect(bad.stdout).toMatch(/entry 2: changed/);
  });
});
