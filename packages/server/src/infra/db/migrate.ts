// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migrator, type Kysely, type MigrationResult } from "kysely";

// Migrations work on any database schema type; callers pass their typed Kysely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;
import { migrations } from "./migrations/index";

export interface MigrateOutcome {
  applied: string[];
  pending: string[];
}

function migrator(db: AnyKysely, upTo?: Record<string, (typeof migrations)[string]>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => upTo ?? migrations },
    migrationTableName: "obhut_migrations",
    migrationLockTableName: "obhut_migrations_lock",
  });
}

/** Apply all pending migrations; safe to call on every start and from several nodes. */
export async function migrateToLatest(db: AnyKysely): Promise<MigrateOutcome> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return {
    applied: (results ?? []).filter((r: MigrationResult) => r.status === "Success").map((r) => r.migrationName),
    pending: [],
  };
}

/** Apply migrations up to and including `name` (used by migration tests). */
export async function migrateTo(db: AnyKysely, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

export async function migrationStatus(db: AnyKysely): Promise<MigrateOutcome> {
  const all = await migrator(db).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt).map((m) => m.name),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  };
}

export const migrationNames = Object.keys(migrations).sort();
