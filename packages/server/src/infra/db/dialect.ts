// SPDX-License-Identifier: AGPL-3.0-or-later
import { PostgresAdapter, type Kysely } from "kysely";

export type DialectName = "sqlite" | "postgres";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works for any schema type
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Column type for binary data in the given dialect. */
export function binaryType(dialect: DialectName): "blob" | "bytea" {
  return dialect === "postgres" ? "bytea" : "blob";
}
