// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The one source of "now" for jobs, leases and timestamps. Injected so that
 * tests can move time forward instead of sleeping.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
