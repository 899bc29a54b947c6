// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { BlobStore } from "../infra/blobs/index";
import type { Config } from "../infra/config/config";
import type { EventBus } from "../infra/events/bus";
import type { Secrets } from "../infra/config/secrets";
import type { DbHandle } from "../infra/db/connect";
import type { ConversationKind, Database } from "../infra/db/schema";
import type { Logger } from "../infra/logger";
import type { Metrics } from "../infra/metrics";
import type { Mailer } from "../infra/mail/mailer";
import type { PushSender } from "../infra/push/sender";
import type { JobQueue } from "../infra/jobs/queue";

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
  /** Encrypted attachment storage; see infra/blobs. */
  blobs: BlobStore;
  /** The modules that own conversation kinds (cases: "case" and "notes"); messaging calls them, never imports them. */
  conversationKinds: ConversationKinds;
  /** Outgoing mail (infra/mail); undefined when the operator configured no SMTP server. */
  mailer: Mailer | undefined;
  /** Web Push (infra/push): VAPID-signed, encrypted, to the push services the operator allows. */
  push: PushSender;
  /** This node's durable job queue and worker (infra/jobs/queue.ts); `wake` looks for due jobs now. */
  jobs: { queue: JobQueue; wake(): void };
}

export type ConversationKinds = Partial<Record<ConversationKind, ConversationKindHook>>;

/**
 * How a module that owns a kind of conversation plugs into messaging, so the
 * import arrow runs one way (cases → messaging): the send path lets it apply
 * its effects inside the commit transaction (whether a send may happen at all
 * is decided in policies/gates/send.ts); new epochs ask it where the group
 * wraps are filed.
 */
export interface ConversationKindHook {
  /** The owner's part in one commit, loaded once per conversation and batch on the transaction's `db`. */
  openSend(
    ctx: AppContext,
    db: Kysely<Database>,
    conversationId: string,
    kind: ConversationKind,
  ): Promise<OwnedSend | undefined>;
  /** The team and archive keys a new epoch's group wraps are filed under, at their current generations. */
  groupWrapTargets(db: Kysely<Database>, conversationId: string): Promise<GroupWrapTargets>;
}

export interface OwnedSend {
  /** Effects of the sends just stored, in seq order, inside the transaction; returns what to announce after commit. */
  afterStore(now: number, sends: readonly StoredSend[]): Promise<(() => void) | undefined>;
}

export interface StoredSend {
  senderId: string;
  kind: "message" | "edit" | "delete";
}

export interface GroupWrapTargets {
  team: { refId: string; generation: number };
  archive: { refId: string; generation: number };
}
