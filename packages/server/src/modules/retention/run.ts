// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RetentionClass } from "@obhut/protocol";
import type { BlobStore } from "../../infra/blobs";
import type { DbHandle } from "../../infra/db/connect";
import { recordAudit } from "../../core/audit";
import { RETENTION_RUNS } from "./classes";
import type { RetentionClassEnv, RetentionClassRun } from "./descriptor";
import { classesOfScope, effectiveRules, INSTANCE_SCOPE, periodOf, retentionCutoff } from "./rules";
import { listOrganisationIds } from "./store-classes";
import { listPendingBlobDeletions, removePendingBlobDeletion } from "./store-delete";

// Erasure on request (modules/dsr/self.ts) deletes the way the job does.
export { deleteCase, removeCredentials } from "./delete";

/**
 * The retention job (DIN 66398 deletion concept, docs/adr/0013). It deletes
 * for real: rows in the database, blobs in the blob store, and with the
 * conversation rows every wrap of every epoch key (participant, team and
 * archive wraps). Once the wraps are gone the ciphertext that may survive in
 * an old backup of the blob store or in a lagging replica can no longer be
 * decrypted by anyone (crypto-shredding).
 *
 * Each object goes in its own transaction that re-checks the rule and the
 * legal hold, so a hold set or a case reopened while a run is under way wins,
 * and a run stopped half-way leaves only whole objects deleted. Blob ids are
 * queued in `pending_blob_deletions` in that same transaction and removed
 * from the blob store afterwards; the next run finishes what a crash left.
 *
 * What each data class selects, keeps and deletes is data
 * (modules/retention/classes.ts); this file runs those descriptors, one
 * loop for all of them, and reports and audits the counts.
 */

export type RetentionCountKey = RetentionClass | "blobs" | "held_cases_kept";
export type RetentionCounts = Record<RetentionCountKey, number>;

export interface RetentionScopeReport {
  /** Organisation id or "instance". */
  scope: string;
  counts: Partial<RetentionCounts>;
  /** Ids of what goes (dry run) or went, per class; capped at MAX_IDS each. */
  ids: Partial<Record<RetentionClass, string[]>>;
  notes: string[];
}

export interface RetentionReport {
  dryRun: boolean;
  now: number;
  scopes: RetentionScopeReport[];
  totals: Partial<RetentionCounts>;
  /** Blobs removed from the blob store (including those a previous interrupted run left queued). */
  blobsDeleted: number;
  /** True when the run stopped early (abort signal); run again to continue. */
  interrupted: boolean;
}

export interface RetentionContext {
  db: Pick<DbHandle, "db" | "dialect">;
  blobs: BlobStore;
  logger: { info(obj: object, msg: string): void };
  /** The audit anchor key signs how far a chain was pruned; without it audit entries are kept. */
  auditAnchorKey?: { d: string; x: string } | undefined;
}

export interface RetentionRunOptions {
  now: number;
  dryRun?: boolean;
  /** Only this organisation (the instance classes are skipped). */
  orgId?: string;
  signal?: AbortSignal;
  /** Who started it, for the audit entry. */
  via: "job" | "cli";
}

const MAX_IDS = 1000;

class Interrupted extends Error {}

function addIds(report: RetentionScopeReport, dataClass: RetentionClass, ids: string[]): void {
  const list = (report.ids[dataClass] ??= []);
  for (const id of ids) if (list.length < MAX_IDS) list.push(id);
}

function bump(report: RetentionScopeReport, key: RetentionCountKey, n: number): void {
  report.counts[key] = (report.counts[key] ?? 0) + n;
}

/** Removes queued blobs from the blob store; a blob already gone counts as done. */
export async function flushPendingBlobs(ctx: RetentionContext, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await listPendingBlobDeletions(ctx.db.db, 200);
    for (const { blob_id } of rows) {
      if (signal?.aborted) throw new Interrupted();
      if (await ctx.blobs.delete(blob_id)) deleted++;
      await removePendingBlobDeletion(ctx.db.db, blob_id);
    }
    if (rows.length < 200) return deleted;
  }
}

/**
 * Runs one class's descriptor. A dry run only counts and names; a real run
 * deletes batch by batch, each in its own transaction, and counts what went.
 */
async function runClass(
  ctx: RetentionContext,
  opts: RetentionRunOptions,
  run: RetentionClassRun,
  env: RetentionClassEnv,
  report: RetentionScopeReport,
): Promise<void> {
  const { dataClass } = run;
  if (run.kind === "set") {
    if (opts.dryRun) {
      const preview = await run.preview(env, MAX_IDS);
      bump(report, dataClass, preview.count);
      if (preview.ids) addIds(report, dataClass, preview.ids);
    } else bump(report, dataClass, await run.remove(env, (text) => report.notes.push(text)));
    return;
  }
  if (run.kept) bump(report, run.kept.key, await run.kept.count(env));
  const candidates = await run.candidates(env);
  if (opts.dryRun || !run.rechecks) addIds(report, dataClass, candidates.map(run.reportId));
  if (opts.dryRun) {
    bump(report, dataClass, candidates.length);
    return;
  }
  for (let i = 0; i < candidates.length; i += run.batch) {
    if (opts.signal?.aborted) throw new Interrupted();
    const batch = candidates.slice(i, i + run.batch);
    const gone = await ctx.db.db.transaction().execute((trx) => run.remove(trx, batch, env));
    bump(report, dataClass, gone.length);
    if (run.rechecks) addIds(report, dataClass, gone);
  }
}

function emptyScope(scope: string): RetentionScopeReport {
  // Every class of the scope is reported, with 0 where nothing went: "nothing to delete" is a result too.
  // The order is the report's (CLI output, `retention.run` audit data), not the order the classes run in.
  const keys: RetentionCountKey[] =
    scope === INSTANCE_SCOPE
      ? ["inactive_client_accounts", "audit_entries"]
      : [
          "closed_cases",
          "held_cases_kept",
          "notes",
          "messages",
          "attachments",
          "consents",
          "audit_entries",
          "staff_accounts",
        ];
  return { scope, counts: Object.fromEntries(keys.map((k) => [k, 0])), ids: {}, notes: [] };
}

async function runScope(
  ctx: RetentionContext,
  opts: RetentionRunOptions,
  scope: string,
  report: RetentionScopeReport,
): Promise<void> {
  const rules = await effectiveRules(ctx.db.db, scope);
  const classes = classesOfScope(scope);
  for (const run of RETENTION_RUNS) {
    if (!classes.includes(run.dataClass)) continue;
    const env: RetentionClassEnv = {
      db: ctx.db.db,
      dialect: ctx.db.dialect,
      scope,
      cutoff: retentionCutoff(opts.now, periodOf(rules, run.dataClass)),
      now: opts.now,
      auditAnchorKey: ctx.auditAnchorKey,
    };
    await runClass(ctx, opts, run, env, report);
  }
}

/**
 * One retention run over every organisation (and the instance classes), or
 * one organisation. A dry run reads only. A real run records `retention.run`
 * with the counts in each chain it touched, and logs the totals; neither
 * ever contains content.
 */
export async function runRetention(ctx: RetentionContext, opts: RetentionRunOptions): Promise<RetentionReport> {
  const dryRun = opts.dryRun ?? false;
  const orgs = opts.orgId ? [opts.orgId] : await listOrganisationIds(ctx.db.db);
  const scopes = opts.orgId ? orgs : [...orgs, INSTANCE_SCOPE];
  const report: RetentionReport = {
    dryRun,
    now: opts.now,
    scopes: [],
    totals: {},
    blobsDeleted: 0,
    interrupted: false,
  };
  try {
    // First what an interrupted run left: rows already gone, blobs not yet.
    if (!dryRun) report.blobsDeleted += await flushPendingBlobs(ctx, opts.signal);
    for (const scope of scopes) {
      const scopeReport = emptyScope(scope);
      report.scopes.push(scopeReport);
      try {
        await runScope(ctx, { ...opts, dryRun }, scope, scopeReport);
      } finally {
        if (!dryRun) await recordRun(ctx, opts, scopeReport);
      }
    }
    if (!dryRun) report.blobsDeleted += await flushPendingBlobs(ctx, opts.signal);
  } catch (err) {
    if (!(err instanceof Interrupted)) throw err;
    report.interrupted = true;
  }
  for (const s of report.scopes)
    for (const [k, v] of Object.entries(s.counts) as [RetentionCountKey, number][])
      report.totals[k] = (report.totals[k] ?? 0) + v;
  report.totals.blobs = report.blobsDeleted;
  ctx.logger.info(
    { job: "retention", dryRun, via: opts.via, interrupted: report.interrupted, counts: report.totals },
    "retention run",
  );
  return report;
}

async function recordRun(ctx: RetentionContext, opts: RetentionRunOptions, scope: RetentionScopeReport): Promise<void> {
  await recordAudit(ctx.db.db, opts.now, {
    organisationId: scope.scope === INSTANCE_SCOPE ? null : scope.scope,
    actorId: null,
    action: "retention.run",
    target: { type: scope.scope === INSTANCE_SCOPE ? "instance" : "organisation", id: scope.scope },
    data: { via: opts.via, ...scope.counts },
  });
}
