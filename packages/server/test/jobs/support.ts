// SPDX-License-Identifier: AGPL-3.0-or-later
import { connect, type DbHandle } from "../../src/infra/db/connect";
import type { Clock } from "../../src/infra/jobs/clock";
import type { TestDb } from "../helpers/databases";

/** Time that moves only when the test says so. */
export class ManualClock implements Clock {
  constructor(public time = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** A second, independent connection to the same database: what another node would have. */
export function secondConnection(t: TestDb): DbHandle {
  return connect({ databaseUrl: t.databaseUrl, dataDir: t.dataDir });
}

/** A promise plus its resolve function, to hold a job open until the test releases it. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
