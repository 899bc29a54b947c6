// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Copies of the protocol limits the browser needs at runtime. Importing them
 * from @obhut/protocol would pull the protocol's zod schemas into the
 * bundle; limits.test.ts keeps the copies equal to the originals.
 */
export const LIMITS = {
  envelopeBytes: 64 * 1024,
  historyPage: 100,
  attachmentMaxBytes: 25 * 1024 * 1024,
  attachmentChunkBytes: 1024 * 1024,
} as const;

/** The organisation's epoch limits (protocol `EPOCH_LIMITS`): the admin console checks them before saving. */
export const EPOCH_LIMITS = {
  maxMessages: { min: 50, max: 2 ** 24, default: 1000 },
  maxDays: { min: 1, max: 365, default: 30 },
} as const;
