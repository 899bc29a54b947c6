// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Clock } from "../../core/context";

/** Classic token bucket on the injected clock, so tests can freeze time and get exact counts. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  /** Takes `n` tokens, or none at all when fewer are left. */
  take(n = 1): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1000);
    this.updatedAt = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
