// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import type { Command } from "commander";
import { secretsFile } from "../infra/data-dir";
import { CliError } from "./errors";
import { configFromOptions, STORAGE_KEYS, withConfigOptions } from "./options";

export function readAnchorKey(dataDir: string): { d: string; x: string } | undefined {
  try {
    const secrets = JSON.parse(fs.readFileSync(secretsFile(dataDir), "utf8")) as {
      auditAnchorKey?: { d: string; x: string };
    };
    return secrets.auditAnchorKey;
  } catch {
    return undefined;
  }
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("Tamper-evident audit log: verify, anchor, export");

  withConfigOptions(
    audit
      .command("verify")
      .description("Recompute the hash chains and check links, heads and signed anchors; exit 1 on any problem"),
    STORAGE_KEYS,
  )
    .option("--org <id>", 'Only this organisation\'s chain ("instance" for instance events)')
    .option("--json", "Print the report as JSON")
    .action(async (options: Record<string, unknown>) => {
      const config = configFromOptions(options);
      const { connect } = await import("../infra/db/connect");
      const { verifyAuditLog } = await import("../modules/dpo");
      const { anchorKeyFingerprint } = await import("../core/audit-chain");
      const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const key = readAnchorKey(config.dataDir);
        const reports = await verifyAuditLog(db.db, {
          ...(typeof options.org === "string" ? { chains: [options.org] } : {}),
          ...(key ? { anchorPublicKey: key.x } : {}),
        });
        const ok = reports.every((r) => r.ok);
        if (options.json) process.stdout.write(JSON.stringify({ ok, reports }, null, 2) + "\n");
        else {
          if (key) process.stdout.write(`Anchor key fingerprint: ${anchorKeyFingerprint(key.x)}\n`);
          for (const r of reports) {
            process.stdout.write(
              `${r.ok ? "ok  " : "FAIL"} chain ${r.chain}: ${r.entries} entries, head ${r.headSeq}, anchored up to ${r.anchoredSeq}\n`,
            );
            for (const p of r.problems) process.stdout.write(`     entry ${p.seq}: ${p.kind} — ${p.detail}\n`);
          }
          process.stdout.write(
            ok ? "The audit log is intact.\n" : "The audit log has been tampered with or damaged.\n",
          );
        }
        if (!ok) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });

  withConfigOptions(
    audit
      .command("anchor")
      .description("Sign the current head of every chain now (the server also does this every 15 minutes)"),
    STORAGE_KEYS,
  ).action(async (options: Record<string, unknown>) => {
    const config = configFromOptions(options);
    const key = readAnchorKey(config.dataDir);
    if (!key) throw new CliError("No audit anchor key in secrets.json; start the server once to create it");
    const { connect } = await import("../infra/db/connect");
    const { anchorAuditChains } = await import("../modules/dpo");
    const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const n = await anchorAuditChains(db.db, key, Date.now());
      process.stdout.write(`Signed ${n} new anchor(s).\n`);
    } finally {
      await db.close();
    }
  });

  withConfigOptions(
    audit.command("export").description("Write one chain as JSON lines (entries with their hashes, then anchors)"),
    STORAGE_KEYS,
  )
    .requiredOption("--org <id>", 'Organisation id ("instance" for instance events)')
    .option("--output <file>", "Write to this file instead of standard output")
    .action(async (options: Record<string, unknown>) => {
      const config = configFromOptions(options);
      const { connect } = await import("../infra/db/connect");
      const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const out =
        typeof options.output === "string" ? fs.createWriteStream(options.output, { mode: 0o600 }) : process.stdout;
      try {
        const chain = String(options.org);
        const rows = await db.db
          .selectFrom("audit_events")
          .selectAll()
          .where("chain", "=", chain)
          .orderBy("seq")
          .execute();
        for (const r of rows) {
          out.write(
            JSON.stringify({
              type: "entry",
              chain,
              seq: Number(r.seq),
              prevHash: r.prev_hash,
              hash: r.hash,
              at: new Date(Number(r.created_at)).toISOString(),
              createdAt: Number(r.created_at),
              actorId: r.actor_id,
              action: r.action,
              targetType: r.target_type,
              targetId: r.target_id,
              data: JSON.parse(r.data) as unknown,
            }) + "\n",
          );
        }
        const anchors = await db.db
          .selectFrom("audit_anchors")
          .selectAll()
          .where("chain", "=", chain)
          .orderBy("seq")
          .execute();
        for (const a of anchors)
          out.write(
            JSON.stringify({
              type: "anchor",
              chain,
              seq: Number(a.seq),
              hash: a.hash,
              signature: a.signature,
              publicKey: a.public_key,
              createdAt: Number(a.created_at),
            }) + "\n",
          );
      } finally {
        if (out !== process.stdout) await new Promise<void>((r) => (out as fs.WriteStream).end(r));
        await db.close();
      }
    });
}
