// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Command } from "commander";
import { configFromOptions, STORAGE_KEYS, withConfigOptions } from "./options";

export function registerMigrateCommand(program: Command): void {
  withConfigOptions(
    program.command("migrate").description("Apply pending database migrations (serve does this on start too)"),
    STORAGE_KEYS,
  )
    .option("--status", "Only list applied and pending migrations")
    .action(async (options: Record<string, unknown>) => {
      const config = configFromOptions(options);
      const { connect } = await import("../infra/db/connect");
      const { migrateToLatest, migrationStatus } = await import("../infra/db/migrate");
      const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        if (options.status) {
          const status = await migrationStatus(db.db);
          for (const name of status.applied) process.stdout.write(`applied  ${name}\n`);
          for (const name of status.pending) process.stdout.write(`pending  ${name}\n`);
          return;
        }
        const { applied } = await migrateToLatest(db.db);
        process.stdout.write(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(", ")}\n`
            : "Database is up to date.\n",
        );
      } finally {
        await db.close();
      }
    });
}
