// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BlobStore } from "../infra/blobs/index";
import type { Config } from "../infra/config/config";
import type { EventBus } from "../infra/events/bus";
import type { Secrets } from "../infra/config/secrets";
import type { DbHandle } from "../infra/db/connect";
import type { Logger } from "../infra/logger";
import type { Metrics } from "../infra/metrics";

export type { Clock } from "../infra/jobs/clock";
import type { Clock } from "../infra/jobs/clock";

/**
 * Everything a route or service needs, created once per process and passed
 * explicitly (no module-level singletons), so tests can build as many
 * independent servers in one process as they like.
 */
export interface AppContext {
  config: Config;
  secrets: Secrets;
  db: DbHandle;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  nodeId: string;
  version: string;
  /** Event bus (in-process or Redis); see src/events. */
  bus: EventBus;
  /** Encrypted attachment storage; see src/blobs. */
  blobs: BlobStore;
}
