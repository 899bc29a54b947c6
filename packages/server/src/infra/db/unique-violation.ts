// SPDX-License-Identifier: AGPL-3.0-or-later

/** Whether a database error is a unique or primary-key violation (PostgreSQL 23505, SQLite constraint codes). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
