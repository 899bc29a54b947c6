// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPgDatabase, tempDir } from "../helpers/databases";
import { runCli } from "../helpers/process";
import { startTestServer } from "../helpers/server";
import { buildOrganisation, PASSPHRASE } from "./support";

describe("obhut export / obhut import", () => {
  it("moves an organisation from an SQLite instance to a PostgreSQL instance, with progress on stderr", async () => {
    const sourceDir = tempDir("obhut-src-");
    const targetDir = tempDir("obhut-dst-");
    const pg = await createPgDatabase();
    try {
      const source = await startTestServer({ dialect: "sqlite", dataDir: sourceDir });
      const org = await buildOrganisation(source);
      await source.close();

      const file = path.join(sourceDir, "org.jsonl");
      const env = { OBHUT_EXPORT_PASSPHRASE: PASSPHRASE };
      const missing = await runCli(["export", "--org", org.orgId, "--data-dir", sourceDir, file]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/export passphrase is needed/);

      const exported = await runCli(["export", "--org", org.orgId, "--data-dir", sourceDir, file], env);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toMatch(/exported accounts: \d+ rows/);
      expect(exported.stderr).toMatch(/exported attachment blobs: 1/);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      const passFile = path.join(targetDir, "..", `pass-${path.basename(targetDir)}`);
      fs.writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
      const target = ["--data-dir", targetDir, "--database-url", pg.url];
      const imported = await runCli(["import", ...target, "--passphrase-file", passFile, file]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stderr).toMatch(/imported messages: 5 rows/);
      expect(imported.stdout).toMatch(/Users log in with their passwords/);

      const rerun = await runCli(["import", ...target, "--passphrase-file", passFile, "--json", file]);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toBe("");
      const summary = JSON.parse(rerun.stdout) as { tables: Record<string, { inserted: number }> };
      expect(Object.values(summary.tables).every((t) => t.inserted === 0)).toBe(true);

      const verify = await runCli(["audit", "verify", ...target]);
      expect(verify.code, verify.stdout).toBe(0);
      expect(verify.stdout).toContain(`ok   chain ${org.orgId}`);
      fs.rmSync(passFile, { force: true });
    } finally {
      await pg.drop();
      fs.rmSync(sourceDir, { recursive: true, force: true });
      fs.rmSync(targetDir, { recursive: true, force: true });
    }
  }, 180_000);
});
