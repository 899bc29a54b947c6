// SPDX-License-Identifier: AGPL-3.0-or-later
import { RETENTION_CLASSES, RetentionClass, type RetentionRuleView } from "@obhut/protocol";
import type { Command } from "commander";
import type { DbHandle } from "../infra/db/connect";
import type * as RetentionModule from "../modules/retention";
import type { RetentionReport } from "../modules/retention";
import { readAnchorKey } from "./audit";
import { CliError } from "./errors";
import { configFromOptions, STORAGE_KEYS, withConfigOptions } from "./options";

/**
 * `obhut retention`: the deletion concept from the shell. `run` does what the
 * daily job does (or, with --dry-run, shows what it would do); `rules` and
 * `set` read and change periods, e.g. the instance-wide rule for inactive
 * anonymous accounts, which belongs to no organisation.
 */

type Retention = typeof RetentionModule;

/** Opens the database and loads the retention module only for a command that runs (not for `--help`). */
async function withDatabase<T>(
  options: Record<string, unknown>,
  fn: (db: DbHandle, dataDir: string, retention: Retention) => Promise<T>,
) {
  const config = configFromOptions(options);
  const { connect } = await import("../infra/db/connect");
  const { migrationStatus } = await import("../infra/db/migrate");
  const retention = await import("../modules/retention");
  const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if ((await migrationStatus(db.db)).pending.length > 0)
      throw new CliError("The database is not up to date; run `obhut migrate` (or start the server) first");
    return await fn(db, config.dataDir, retention);
  } finally {
    await db.close();
  }
}

async function requireScope(db: DbHandle, org: unknown, instanceScope: string): Promise<string> {
  if (org === undefined) return instanceScope;
  const id = String(org);
  const row = await db.db.selectFrom("organisations").select("id").where("id", "=", id).executeTakeFirst();
  if (!row) throw new CliError(`No organisation with id ${JSON.stringify(id)}`);
  return id;
}

function printReport(report: RetentionReport, instanceScope: string): void {
  const verb = report.dryRun ? "would delete" : "deleted";
  process.stdout.write(
    `Retention ${report.dryRun ? "dry run" : "run"} at ${new Date(report.now).toISOString()}${report.interrupted ? " (interrupted: run again)" : ""}\n`,
  );
  for (const s of report.scopes) {
    process.stdout.write(`${s.scope === instanceScope ? "instance" : `organisation ${s.scope}`}:\n`);
    for (const [k, v] of Object.entries(s.counts)) process.stdout.write(`  ${k.padEnd(26)} ${verb} ${v}\n`);
    for (const note of s.notes) process.stdout.write(`  note: ${note}\n`);
  }
  if (!report.dryRun) process.stdout.write(`blobs removed from the blob store: ${report.blobsDeleted}\n`);
}

function printRules(scope: string, rules: RetentionRuleView[], instanceScope: string): void {
  process.stdout.write(`${scope === instanceScope ? "instance" : `organisation ${scope}`}:\n`);
  for (const r of rules)
    process.stdout.write(
      `  ${r.dataClass.padEnd(26)} ${String(r.periodDays).padStart(5)} days after ${r.startEvent}${r.updatedAt === null ? " (default)" : ""}${r.enforced ? "" : " (no data of this class yet)"}\n`,
    );
}

export function registerRetentionCommands(program: Command): void {
  const retention = program
    .command("retention")
    .description("Deletion concept: run the retention job, show and change retention periods");

  withConfigOptions(
    retention
      .command("run")
      .description("Delete what is past its retention period (rows, blobs, key wraps); held cases stay"),
    STORAGE_KEYS,
  )
    .option("--dry-run", "Only show what would be deleted")
    .option("--org <id>", "Only this organisation (skips the instance-wide classes)")
    .option("--json", "Print the report as JSON (with ids)")
    .action(async (options: Record<string, unknown>) => {
      await withDatabase(options, async (db, dataDir, { runRetention, INSTANCE_SCOPE }) => {
        const orgId = options.org === undefined ? undefined : await requireScope(db, options.org, INSTANCE_SCOPE);
        const { createBlobStore } = await import("../infra/blobs");
        const report = await runRetention(
          {
            db,
            blobs: createBlobStore({ db, dataDir }),
            logger: { info: () => undefined },
            auditAnchorKey: readAnchorKey(dataDir),
          },
          { now: Date.now(), dryRun: options.dryRun === true, via: "cli", ...(orgId ? { orgId } : {}) },
        );
        if (options.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
        else printReport(report, INSTANCE_SCOPE);
      });
    });

  withConfigOptions(retention.command("rules").description("Show the retention rules in force"), STORAGE_KEYS)
    .option("--org <id>", "This organisation's rules (default: the instance-wide ones)")
    .option("--json", "Print as JSON")
    .action(async (options: Record<string, unknown>) => {
      await withDatabase(options, async (db, _dataDir, { effectiveRules, INSTANCE_SCOPE }) => {
        const scope = await requireScope(db, options.org, INSTANCE_SCOPE);
        const rules = await effectiveRules(db.db, scope);
        if (options.json) process.stdout.write(JSON.stringify({ scope, rules }, null, 2) + "\n");
        else printRules(scope, rules, INSTANCE_SCOPE);
      });
    });

  withConfigOptions(retention.command("set").description("Change one retention period (audited)"), STORAGE_KEYS)
    .requiredOption("--class <class>", `One of ${RetentionClass.options.join(", ")}`)
    .requiredOption("--days <days>", "Period in days after the class's start event")
    .option("--org <id>", "Organisation (omit for the instance-wide classes)")
    .action(async (options: Record<string, unknown>) => {
      const dataClass = RetentionClass.safeParse(options.class);
      if (!dataClass.success) throw new CliError(`--class must be one of ${RetentionClass.options.join(", ")}`);
      const days = Number(options.days);
      const min = RETENTION_CLASSES[dataClass.data].minDays;
      if (!Number.isInteger(days) || days < min) throw new CliError(`--days must be a whole number of at least ${min}`);
      await withDatabase(options, async (db, _dataDir, { effectiveRules, storeRules, INSTANCE_SCOPE }) => {
        const scope = await requireScope(db, options.org, INSTANCE_SCOPE);
        const now = Date.now();
        await db.db.transaction().execute((trx) =>
          storeRules(trx, now, {
            scope,
            actorId: null,
            rules: [{ dataClass: dataClass.data, periodDays: days }],
            via: "cli",
          }),
        );
        printRules(scope, await effectiveRules(db.db, scope), INSTANCE_SCOPE);
      });
    });
}
