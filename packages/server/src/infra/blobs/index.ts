// SPDX-License-Identifier: AGPL-3.0-or-later
export * from "./blob-store";
export { createFsBlobStore } from "./fs-store";
export { createDbBlobStore, BLOB_CHUNK_BYTES } from "./db-store";
