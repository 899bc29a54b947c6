// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sqliteFile } from "../../src/infra/db/connect";
import { tempDir } from "../helpers/databases";
import { fakeKeyBundle, login, registerAccount } from "../helpers/opaque-client";
import { fetchSend } from "../helpers/net";
import { runCli, spawnServer } from "../helpers/process";

describe("obhut CLI", () => {
  // Ten CLI processes, each compiling the CLI with tsx: a minute on a loaded two-core machine.
  it(
    "has --help on every command and exits non-zero with a clear message on errors",
    { timeout: 180_000 },
    async () => {
      const commands = [[], ["serve"], ["migrate"], ["doctor"], ["backup"], ["restore"], ["version"]];
      const [helps, version, unknown, badConfig] = await Promise.all([
        Promise.all(commands.map((cmd) => runCli([...cmd, "--help"]))),
        runCli(["version"]),
        runCli(["frobnicate"]),
        runCli(["migrate", "--database-url", "mysql://nope"]),
      ]);
      commands.forEach((cmd, i) => {
        expect(helps[i]!.code, `${cmd.join(" ")}: ${helps[i]!.stderr}`).toBe(0);
        expect(helps[i]!.stdout).toMatch(/Usage: obhut/);
      });
      expect(version.stdout).toMatch(/^obhut \d+\.\d+\.\d+/);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toMatch(/unknown command/);
      expect(badConfig.code).toBe(2);
      expect(badConfig.stderr).toMatch(/DATABASE_URL .*postgres/);
      expect(badConfig.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    },
  );

  it("creates the data folder with a 0600 secrets file on first start", async () => {
    const dataDir = path.join(tempDir(), "nested", "data");
    const server = await spawnServer(["--data-dir", dataDir]);
    await server.stop();
    expect(fs.statSync(path.join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith("obhut.sqlite"))) {
      expect(fs.statSync(path.join(dataDir, file)).mode & 0o777, file).toBe(0o600);
    }
    expect(server.output()).toMatch(/One-time setup link: http:\/\/localhost:\d+\/setup#token=[A-Za-z0-9_-]{20,}/);
  });

  it("backs up a running instance and restores it into a new folder where users still log in", async () => {
    const dataDir = tempDir();
    const server = await spawnServer(["--data-dir", dataDir]);
    const send = fetchSend(server.url);
    expect((await registerAccount(send, "backed-up", "a password to remember")).status).toBe(201);
    fs.mkdirSync(path.join(dataDir, "blobs", "ab"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "blobs", "ab", "abcdefgh1234"), Buffer.from([1, 2, 3]), { mode: 0o600 });
    const backupFile = path.join(tempDir(), "obhut.backup");
    const backup = await runCli(["backup", backupFile, "--data-dir", dataDir]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backup written/);
    await server.stop();

    const target = tempDir();
    const restore = await runCli(["restore", backupFile, "--data-dir", target]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(fs.readFileSync(path.join(target, "blobs", "ab", "abcdefgh1234"))).toEqual(Buffer.from([1, 2, 3]));
    expect(fs.readFileSync(path.join(target, "secrets.json"), "utf8")).toBe(
      fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"),
    );
    const db = new SQLite(sqliteFile(target), { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'obhut_backup_files'").get()).toBeUndefined();
    db.close();

    const restored = await spawnServer(["--data-dir", target]);
    expect((await login(fetchSend(restored.url), "backed-up", "a password to remember")).status).toBe(200);
    // Restoring over a live instance is refused.
    const refused = await runCli(["restore", backupFile, "--data-dir", target, "--force"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/running/);
    await restored.stop();
    // Without --force an existing database is not overwritten.
    const noForce = await runCli(["restore", backupFile, "--data-dir", target]);
    expect(noForce.stderr).toMatch(/--force/);
    // Garbage is not accepted as a backup.
    const junk = path.join(tempDir(), "junk.backup");
    fs.writeFileSync(junk, "not a database");
    const bad = await runCli(["restore", junk, "--data-dir", tempDir()]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/not an Obhut backup|damaged/);
    void fakeKeyBundle;
    // Two servers and five CLI runs, each a process of its own.
  }, 120_000);

  it("doctor reports a healthy install and names what is wrong otherwise", async () => {
    const dataDir = tempDir();
    const server = await spawnServer(["--data-dir", dataDir]);
    const port = new URL(server.url).port;
    const healthy = await runCli([
      "doctor",
      "--data-dir",
      dataDir,
      "--port",
      port,
      "--public-url",
      "http://localhost:" + port,
      "--json",
    ]);
    const report = JSON.parse(healthy.stdout) as { healthy: boolean; checks: { name: string; status: string }[] };
    expect(report.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(report.healthy).toBe(true);
    expect(healthy.code).toBe(0);
    await server.stop();

    fs.chmodSync(path.join(dataDir, "secrets.json"), 0o644);
    const sick = await runCli(["doctor", "--data-dir", dataDir, "--public-url", "http://obhut.example.org"]);
    expect(sick.code).toBe(1);
    expect(sick.stdout).toMatch(/FAIL\] secrets: .*readable by others/);
    expect(sick.stdout).toMatch(/fix: chmod 600/);
    expect(sick.stdout).toMatch(/FAIL\] public URL: .*not https/);
  });

  it("migrate applies and reports migrations on PostgreSQL too", async () => {
    const { createPgDatabase } = await import("../helpers/databases");
    const pg = await createPgDatabase();
    try {
      const first = await runCli(["migrate", "--database-url", pg.url]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/Applied \d+ migration/);
      const status = await runCli(["migrate", "--status", "--database-url", pg.url]);
      expect(status.stdout).toMatch(/applied {2}0001-foundation/);
      expect(status.stdout).not.toMatch(/pending/);
    } finally {
      await pg.drop();
    }
  });
});
