// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DbHandle } from "../db/connect";
import { systemClock, type Clock } from "../jobs/clock";
import { createDbBlobStore } from "./db-store";
import { createFsBlobStore } from "./fs-store";
import type { BlobStore } from "./shared";

export * from "./errors";
export type { BlobInfo, BlobInput, BlobRange, BlobStore } from "./shared";
export { assertBlobId } from "./shared";

export interface BlobStoreOptions {
  db: Pick<DbHandle, "db" | "dialect">;
  dataDir: string;
  clock?: Clock;
}

/** Files in the data folder for SQLite; the `blobs` table for PostgreSQL, so nodes stay stateless. */
export function createBlobStore({ db, dataDir, clock = systemClock }: BlobStoreOptions): BlobStore {
  return db.dialect === "postgres" ? createDbBlobStore({ db: db.db, clock }) : createFsBlobStore({ dataDir, clock });
}
