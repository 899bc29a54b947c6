// SPDX-License-Identifier: AGPL-3.0-or-later
import path from "node:path";

/**
 * Where an instance keeps its files inside the data folder. A module of its own (no dependencies) so that the CLI
 * can name them without loading the database drivers or the server's keys.
 */
export function secretsFile(dataDir: string): string {
  return path.join(dataDir, "secrets.json");
}

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, "obhut.sqlite");
}
