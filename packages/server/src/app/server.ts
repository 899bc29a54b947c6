// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { withActualPort, type Config } from "../infra/config/config";
import { loadOrCreateSecrets, secretsFingerprint } from "../infra/config/secrets";
import type { AppContext, Clock } from "../core/context";
import { connect } from "../infra/db/connect";
import { migrateToLatest } from "../infra/db/migrate";
import { createEventBus } from "../infra/events/bus";
import { createBlobStore } from "../infra/blobs/index";
import { buildApp } from "./http/app";
import { securityHeaders } from "./http/security-headers";
import { createLogger } from "../infra/logger";
import { createMetrics } from "../infra/metrics";
import { socketRegistry } from "./realtime/socket";
import { closeAuditAggregation } from "../core/audit-aggregate";
import { registerHousekeeping } from "./housekeeping";
import { createScheduler } from "../infra/jobs/scheduler";
import { createJobQueue, type Worker } from "../infra/jobs/queue";
import { createMailer } from "../infra/mail/mailer";
import { createPushSender, vapidSubject } from "../infra/push/sender";
import { notificationJobHandlers } from "../modules/notifications";
import { caseConversationKind } from "../modules/cases";
import { issueSetupToken } from "../modules/organisation";
import { VERSION } from "../core/version";

export interface StartOptions {
  config: Config;
  clock?: Clock;
  logDestination?: DestinationStream;
  /** Lines for the operator (setup link, URLs); defaults to stdout. */
  print?: (line: string) => void;
  /** Runs after the app is ready and before it listens (demo data, tests). */
  beforeListen?: (ctx: AppContext) => Promise<void>;
  /** The checks of `obhut doctor`, how many failed: a daily admins' notice (ADR 0044); `obhut serve` passes them. */
  doctorFailures?: () => Promise<number>;
}

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  setupToken: string | undefined;
  /** Graceful: stop accepting, drain WebSockets, finish in-flight requests and jobs, close stores. */
  close(): Promise<void>;
}

const SECRETS_FINGERPRINT_KEY = "secrets_fingerprint";

async function checkSecretsMatchDatabase(ctx: AppContext): Promise<void> {
  const fp = secretsFingerprint(ctx.secrets);
  const now = ctx.clock.now();
  await ctx.db.db
    .insertInto("instance_settings")
    .values({ key: SECRETS_FINGERPRINT_KEY, value: fp, updated_at: now })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await ctx.db.db
    .selectFrom("instance_settings")
    .select("value")
    .where("key", "=", SECRETS_FINGERPRINT_KEY)
    .executeTakeFirstOrThrow();
  if (row.value !== fp) {
    throw new Error(
      "The secrets file of this node does not match the database. In scale-out mode every node needs the same secrets.json " +
        "(copy it from the first node); otherwise logins would fail.",
    );
  }
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const clock = options.clock ?? { now: () => Date.now() };
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  let config = options.config;
  const logger = createLogger(config.logLevel, options.logDestination);
  const metrics = createMetrics();
  const { secrets, created } = await loadOrCreateSecrets(config.dataDir);
  if (created) logger.info("generated new instance secrets (secrets.json, mode 0600)");

  const db = connect({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onQuery: (ms, failed) => metrics.dbQueryDuration.observe({ outcome: failed ? "error" : "ok" }, ms / 1000),
  });
  const cleanups: (() => Promise<void>)[] = [() => db.close()];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  };
  try {
    const migrated = await migrateToLatest(db.db);
    if (migrated.applied.length) logger.info({ migrations: migrated.applied }, "database migrated");

    const nodeId = config.nodeId ?? `node-${crypto.randomBytes(4).toString("hex")}`;
    const bus = await createEventBus({
      redisUrl: config.redisUrl,
      prefix: "obhut:",
      connectionName: nodeId,
      onError: (err) => logger.warn({ err: { name: err.name, message: err.message } }, "event bus problem"),
      onPublish: () => metrics.busEvents.inc({ direction: "published" }),
      onDeliver: () => metrics.busEvents.inc({ direction: "delivered" }),
    });
    cleanups.push(() => bus.close());
    const blobs = createBlobStore({ db, dataDir: config.dataDir });

    // Conversation kinds another module owns plug into messaging here (cases → messaging, never back).
    const conversationKinds = { case: caseConversationKind, notes: caseConversationKind };
    const mailer = config.smtp ? createMailer(config.smtp) : undefined;
    if (mailer) cleanups.push(async () => mailer.close());
    const push = createPushSender({
      vapid: secrets.vapid,
      subject: vapidSubject(config.publicUrl, config.smtp?.from),
      services: config.push.services,
      caFile: config.push.caFile,
    });
    const queue = createJobQueue({
      db: db.db,
      nodeId,
      clock,
      logger,
      onRun: (job, status) => metrics.jobRuns.inc({ job, status }),
    });
    // Started after listening; enqueuers may wake it before (demo data), which then waits for its first poll.
    const worker: { current?: Worker } = {};
    const ctx: AppContext = {
      config,
      secrets,
      db,
      logger,
      metrics,
      clock,
      nodeId,
      version: VERSION,
      bus,
      blobs,
      conversationKinds,
      mailer,
      push,
      jobs: { queue, wake: () => worker.current?.wake() },
    };
    await checkSecretsMatchDatabase(ctx);

    const scheduler = createScheduler({
      db: db.db,
      nodeId,
      clock,
      logger,
      onRun: (job, status) => metrics.jobRuns.inc({ job, status }),
    });
    registerHousekeeping(scheduler, ctx, options.doctorFailures ? { doctorFailures: options.doctorFailures } : {});

    const app = await buildApp(ctx);
    await options.beforeListen?.(ctx);
    // Our own start line below names no address; Fastify's default would.
    await app.listen({ port: config.port, host: config.host, listenTextResolver: () => "listening" });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    config = withActualPort(config, port);
    ctx.config = config;

    let metricsApp: FastifyInstance | undefined;
    if (config.metricsListen) {
      metricsApp = Fastify({ logger: false });
      const headers = securityHeaders({ https: false });
      metricsApp.addHook("onSend", async (_req, reply, payload) => {
        reply.headers(headers).header("cache-control", "no-store");
        return payload;
      });
      metricsApp.get("/metrics", async (_req, reply) =>
        reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
      );
      await metricsApp.listen({ host: config.metricsListen.host, port: config.metricsListen.port });
    }

    scheduler.start(30_000);
    // Queued jobs (content-free notices): polled every 5 s, and at once when this node enqueues one.
    worker.current = queue.work({ handlers: notificationJobHandlers(ctx), concurrency: 2, pollMs: 5000 });
    const setupToken = await issueSetupToken(ctx);
    const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
    // The "running" line comes last: whoever waits for it (people, scripts,
    // the browser tests) has everything printed before it.
    if (setupToken) {
      print(`One-time setup link: ${config.publicUrl}/setup#token=${setupToken}`);
      print("Open it to create your organisation and its first administrator. There are no default passwords.");
    }
    if (config.publicUrl !== url) print(`Public URL: ${config.publicUrl}`);
    print(`Obhut is running at ${url}`);
    logger.info({ nodeId, database: db.dialect, bus: bus.kind, blobs: blobs.kind, version: VERSION }, "obhut started");

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        logger.info("shutting down");
        // Order matters: refuse new work, say goodbye to sockets, let
        // in-flight requests finish, then stop jobs and close stores.
        const drain = socketRegistry(app)?.drain(config.shutdownTimeoutMs);
        const closed = app.close();
        await drain;
        await closed;
        // No request is left that could refuse anything: write the counts of repeated refusals.
        await closeAuditAggregation(ctx);
        await metricsApp?.close();
        await scheduler.stop();
        await worker.current?.stop();
        await cleanup();
        logger.info("stopped");
        logger.flush?.();
      })());
    return { app, ctx, url, setupToken, close };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
