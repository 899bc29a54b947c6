// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RetentionClass } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { DialectName } from "../../infra/db/dialect";
import type { Database } from "../../infra/db/schema";

/**
 * The shape of a retention descriptor (one per data class, see classes.ts
 * and account-classes.ts; their queries are named functions in
 * store-classes.ts), in a module of its own so that the descriptor files
 * and the runner (run.ts) depend on it and not on each other.
 */

type Trx = Transaction<Database>;

export interface RetentionClassEnv {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Organisation id, or INSTANCE_SCOPE. */
  scope: string;
  /** What started before this is past the class's period. */
  cutoff: number;
  now: number;
  auditAnchorKey?: { d: string; x: string } | undefined;
}

/** Objects that go one by one (or `batch` at a time), each batch in its own transaction. */
export interface ObjectClass<T> {
  kind: "objects";
  dataClass: RetentionClass;
  /** Past the period but kept (legal hold, Art. 18), reported under `key`. */
  kept?: { key: "held_cases_kept"; count(env: RetentionClassEnv): Promise<number> };
  /** What is past the period, in the order it goes. */
  candidates(env: RetentionClassEnv): Promise<T[]>;
  /** The id a report names for a candidate. */
  reportId(candidate: T): string;
  batch: number;
  /**
   * Whether `remove` re-checks each candidate (period, hold) in its
   * transaction, so that one may stay after all. Without a re-check every
   * candidate goes, and a run names them all before it starts.
   */
  rechecks: boolean;
  /** Deletes the batch inside `trx`; returns the report ids of what went. */
  remove(trx: Trx, batch: T[], env: RetentionClassEnv): Promise<string[]>;
}

/** Rows that go together, by one statement (or one prune). */
export interface SetClass {
  kind: "set";
  dataClass: RetentionClass;
  /** How many would go, and (for the dry run) which, capped by the caller. */
  preview(env: RetentionClassEnv, maxIds: number): Promise<{ count: number; ids?: string[] }>;
  /** Deletes them; returns how many went. `note` explains what was kept and why. */
  remove(env: RetentionClassEnv, note: (text: string) => void): Promise<number>;
}

export type RetentionClassRun = ObjectClass<unknown> | SetClass;
