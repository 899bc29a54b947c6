// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RetentionClass, RetentionRuleView } from "@obhut/protocol";
import { sql, type Kysely, type Transaction } from "kysely";
import type { BlobStore } from "../blobs";
import type { DbHandle } from "../db/connect";
import type { Database } from "../db/schema";
import { chunkBlobId } from "./attachments";
import { recordAudit } from "./audit";
import { restrictedCaseIds } from "./dsr-restrictions";
import { pruneAuditChain, prunableAuditEntries } from "./retention-audit";
import { effectiveRules, INSTANCE_SCOPE, periodOf, retentionCutoff } from "./retention-rules";

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
const STAFF_CONVERSATION_KINDS = ["team", "direct", "broadcast"] as const;
const CLOSED_STATES = ["closed", "archived"] as const;

type Trx = Transaction<Database>;
type Db = Kysely<Database>;

class Interrupted extends Error {}

function addIds(report: RetentionScopeReport, dataClass: RetentionClass, ids: string[]): void {
  const list = (report.ids[dataClass] ??= []);
  for (const id of ids) if (list.length < MAX_IDS) list.push(id);
}

function bump(report: RetentionScopeReport, key: RetentionCountKey, n: number): void {
  report.counts[key] = (report.counts[key] ?? 0) + n;
}

/**
 * Active holds, as a subquery: case ids that must not be deleted. A
 * restriction of processing (Art. 18, services/dsr-restrictions.ts) keeps
 * the case like a legal hold does.
 */
function heldCaseIds(db: Db | Trx) {
  return db.selectFrom("legal_holds").select("case_id").where("released_at", "is", null).union(restrictedCaseIds(db));
}

/**
 * Deletes a conversation with everything in it, inside the caller's
 * transaction: attachments (their blobs queued), messages, every epoch key
 * wrap, the epochs, the members, the conversation. Returns what went.
 */
export async function deleteConversation(
  trx: Trx,
  conversationId: string,
  now: number,
): Promise<{ messages: number; attachments: number; wraps: number }> {
  const attachments = await trx
    .selectFrom("attachments")
    .select(["id", "chunk_count", "completed_at"])
    .where("conversation_id", "=", conversationId)
    .execute();
  await queueAttachmentBlobs(trx, attachments, now);
  if (attachments.length > 0)
    await trx.deleteFrom("attachments").where("conversation_id", "=", conversationId).execute();
  const messages = await trx.deleteFrom("messages").where("conversation_id", "=", conversationId).executeTakeFirst();
  const teamWraps = await trx
    .deleteFrom("epoch_team_wraps")
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  const wraps = await trx
    .deleteFrom("epoch_key_wraps")
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  await trx.deleteFrom("conversation_epochs").where("conversation_id", "=", conversationId).execute();
  await trx.deleteFrom("conversation_members").where("conversation_id", "=", conversationId).execute();
  await trx.deleteFrom("conversations").where("id", "=", conversationId).execute();
  return {
    messages: Number(messages.numDeletedRows),
    attachments: attachments.length,
    wraps: Number(teamWraps.numDeletedRows) + Number(wraps.numDeletedRows),
  };
}

async function queueAttachmentBlobs(
  trx: Trx,
  attachments: { id: string; chunk_count: number; completed_at: number | null }[],
  now: number,
): Promise<void> {
  const ids: string[] = [];
  for (const a of attachments) {
    ids.push(a.id);
    // Staged chunks exist only until completion; a pending upload may have any of them.
    if (a.completed_at === null) for (let i = 0; i < a.chunk_count; i++) ids.push(chunkBlobId(a.id, i));
  }
  for (let i = 0; i < ids.length; i += 500) {
    await trx
      .insertInto("pending_blob_deletions")
      .values(ids.slice(i, i + 500).map((blob_id) => ({ blob_id, created_at: now })))
      .onConflict((oc) => oc.column("blob_id").doNothing())
      .execute();
  }
}

/** Removes queued blobs from the blob store; a blob already gone counts as done. */
export async function flushPendingBlobs(ctx: RetentionContext, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await ctx.db.db
      .selectFrom("pending_blob_deletions")
      .select("blob_id")
      .orderBy("blob_id")
      .limit(200)
      .execute();
    for (const { blob_id } of rows) {
      if (signal?.aborted) throw new Interrupted();
      if (await ctx.blobs.delete(blob_id)) deleted++;
      await ctx.db.db.deleteFrom("pending_blob_deletions").where("blob_id", "=", blob_id).execute();
    }
    if (rows.length < 200) return deleted;
  }
}

/** Closed cases past their period and not on hold, as a query; re-run inside each deletion transaction. */
function expiredCases(db: Db | Trx, orgId: string, cutoff: number) {
  return db
    .selectFrom("cases")
    .where("organisation_id", "=", orgId)
    .where("state", "in", [...CLOSED_STATES])
    .where("closed_at", "is not", null)
    .where("closed_at", "<", cutoff)
    .where("id", "not in", heldCaseIds(db));
}

/**
 * Deletes a case with its timeline, released holds, conversation and notes
 * (messages, attachments with their blobs queued, every key wrap) inside
 * the caller's transaction and audits `case.deleted` with counts. The
 * caller has checked that it may go (period, hold, restriction).
 */
export async function deleteCase(
  trx: Trx,
  row: { id: string; organisation_id: string; conversation_id: string; notes_conversation_id: string | null },
  now: number,
  why: { reason: "retention" | "erasure"; actorId: string | null },
): Promise<{ messages: number; notes: number; attachments: number; keyWraps: number }> {
  await trx.deleteFrom("case_events").where("case_id", "=", row.id).execute();
  await trx.deleteFrom("legal_holds").where("case_id", "=", row.id).execute();
  // Break-glass reasons are about the case; the audit chain keeps their hash.
  await trx.deleteFrom("break_glass_grants").where("case_id", "=", row.id).execute();
  await trx.deleteFrom("cases").where("id", "=", row.id).execute();
  const main = await deleteConversation(trx, row.conversation_id, now);
  const notes = row.notes_conversation_id
    ? await deleteConversation(trx, row.notes_conversation_id, now)
    : { messages: 0, attachments: 0, wraps: 0 };
  const counts = {
    messages: main.messages,
    notes: notes.messages,
    attachments: main.attachments + notes.attachments,
    keyWraps: main.wraps + notes.wraps,
  };
  await recordAudit(trx, now, {
    organisationId: row.organisation_id,
    actorId: why.actorId,
    action: "case.deleted",
    target: { type: "case", id: row.id },
    data: { reason: why.reason, ...counts },
  });
  return counts;
}

async function lockCase(trx: Trx, dialect: string, caseId: string, orgId: string, cutoff: number) {
  const q = expiredCases(trx, orgId, cutoff)
    .select(["id", "conversation_id", "notes_conversation_id"])
    .where("id", "=", caseId);
  return (dialect === "postgres" ? q.forUpdate() : q).executeTakeFirst();
}

async function runClosedCases(
  ctx: RetentionContext,
  opts: RetentionRunOptions,
  orgId: string,
  rules: RetentionRuleView[],
  report: RetentionScopeReport,
): Promise<void> {
  const cutoff = retentionCutoff(opts.now, periodOf(rules, "closed_cases"));
  const db = ctx.db.db;
  const held = await db
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("organisation_id", "=", orgId)
    .where("state", "in", [...CLOSED_STATES])
    .where("closed_at", "<", cutoff)
    .where("id", "in", heldCaseIds(db))
    .executeTakeFirstOrThrow();
  bump(report, "held_cases_kept", Number(held.n));
  const candidates = await expiredCases(db, orgId, cutoff).select("id").orderBy("closed_at").execute();
  if (opts.dryRun) {
    bump(report, "closed_cases", candidates.length);
    addIds(
      report,
      "closed_cases",
      candidates.map((c) => c.id),
    );
    return;
  }
  for (const { id } of candidates) {
    if (opts.signal?.aborted) throw new Interrupted();
    const done = await db.transaction().execute(async (trx) => {
      const row = await lockCase(trx, ctx.db.dialect, id, orgId, cutoff);
      if (!row) return false; // reopened or put on hold since the candidate list was read
      await deleteCase(trx, { ...row, organisation_id: orgId }, opts.now, { reason: "retention", actorId: null });
      return true;
    });
    if (done) {
      bump(report, "closed_cases", 1);
      addIds(report, "closed_cases", [id]);
    }
  }
}

async function runNotes(
  ctx: RetentionContext,
  opts: RetentionRunOptions,
  orgId: string,
  rules: RetentionRuleView[],
  report: RetentionScopeReport,
): Promise<void> {
  const cutoff = retentionCutoff(opts.now, periodOf(rules, "notes"));
  const db = ctx.db.db;
  const candidates = await expiredCases(db, orgId, cutoff)
    .select(["id", "notes_conversation_id"])
    .where("notes_conversation_id", "is not", null)
    .orderBy("closed_at")
    .execute();
  if (opts.dryRun) {
    bump(report, "notes", candidates.length);
    addIds(
      report,
      "notes",
      candidates.map((c) => c.notes_conversation_id!),
    );
    return;
  }
  for (const { id } of candidates) {
    if (opts.signal?.aborted) throw new Interrupted();
    const notesId = await db.transaction().execute(async (trx) => {
      const row = await lockCase(trx, ctx.db.dialect, id, orgId, cutoff);
      if (!row?.notes_conversation_id) return null;
      await trx.updateTable("cases").set({ notes_conversation_id: null }).where("id", "=", row.id).execute();
      const gone = await deleteConversation(trx, row.notes_conversation_id, opts.now);
      await recordAudit(trx, opts.now, {
        organisationId: orgId,
        actorId: null,
        action: "case.notes_deleted",
        target: { type: "case", id: row.id },
        data: { reason: "retention", notes: gone.messages, attachments: gone.attachments, keyWraps: gone.wraps },
      });
      return row.notes_conversation_id;
    });
    if (notesId) {
      bump(report, "notes", 1);
      addIds(report, "notes", [notesId]);
    }
  }
}

/** Messages and attachments of staff conversations (team, direct, broadcast) by age; case content follows its case. */
async function runStaffConversations(
  ctx: RetentionContext,
  opts: RetentionRunOptions,
  orgId: string,
  rules: RetentionRuleView[],
  report: RetentionScopeReport,
): Promise<void> {
  const db = ctx.db.db;
  const messageCutoff = retentionCutoff(opts.now, periodOf(rules, "messages"));
  const attachmentCutoff = retentionCutoff(opts.now, periodOf(rules, "attachments"));
  const conversations = db
    .selectFrom("conversations")
    .select("id")
    .where("organisation_id", "=", orgId)
    .where("kind", "in", [...STAFF_CONVERSATION_KINDS]);

  const attachments = await db
    .selectFrom("attachments")
    .select(["id", "chunk_count", "completed_at"])
    .where("conversation_id", "in", conversations)
    .where("completed_at", "is not", null)
    .where("created_at", "<", attachmentCutoff)
    .execute();
  addIds(
    report,
    "attachments",
    attachments.map((a) => a.id),
  );
  if (opts.dryRun) bump(report, "attachments", attachments.length);
  else {
    for (let i = 0; i < attachments.length; i += 200) {
      if (opts.signal?.aborted) throw new Interrupted();
      const batch = attachments.slice(i, i + 200);
      await db.transaction().execute(async (trx) => {
        await queueAttachmentBlobs(trx, batch, opts.now);
        await trx
          .deleteFrom("attachments")
          .where(
            "id",
            "in",
            batch.map((a) => a.id),
          )
          .execute();
      });
      bump(report, "attachments", batch.length);
    }
  }

  const expired = db
    .selectFrom("messages")
    .where("conversation_id", "in", conversations)
    .where("created_at", "<", messageCutoff);
  if (opts.dryRun) {
    const ids = await expired.select("id").limit(MAX_IDS).execute();
    const n = await expired.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow();
    bump(report, "messages", Number(n.n));
    addIds(
      report,
      "messages",
      ids.map((m) => m.id),
    );
    return;
  }
  const result = await db
    .deleteFrom("messages")
    .where("conversation_id", "in", conversations)
    .where("created_at", "<", messageCutoff)
    .executeTakeFirst();
  bump(report, "messages", Number(result.numDeletedRows));
}

/**
 * Deactivated staff accounts past their period become tombstones: the row
 * (id) stays because messages, epochs and the organisation log name it, but
 * the login (OPAQUE record), the private keys and master-key wraps, the
 * second factors, sessions and the username are gone. The public keys stay
 * so that old signatures still verify.
 */
async function runStaffAccounts(
  ctx: RetentionContext,
  opts: RetentionRunOptions,
  orgId: string,
  rules: RetentionRuleView[],
  report: RetentionScopeReport,
): Promise<void> {
  const cutoff = retentionCutoff(opts.now, periodOf(rules, "staff_accounts"));
  const db = ctx.db.db;
  const candidates = await db
    .selectFrom("accounts")
    .select(["id", "key_bundle"])
    .where("organisation_id", "=", orgId)
    .where("kind", "=", "staff")
    .where("disabled_at", "is not", null)
    .where("disabled_at", "<", cutoff)
    .where("opaque_record", "!=", "")
    .execute();
  addIds(
    report,
    "staff_accounts",
    candidates.map((c) => c.id),
  );
  if (opts.dryRun) {
    bump(report, "staff_accounts", candidates.length);
    return;
  }
  for (const account of candidates) {
    if (opts.signal?.aborted) throw new Interrupted();
    await db.transaction().execute(async (trx) => {
      await removeCredentials(trx, account.id);
      let publicKeys: Record<string, unknown> = {};
      try {
        const bundle = JSON.parse(account.key_bundle) as Record<string, unknown>;
        publicKeys = {
          version: bundle.version,
          signingPublicKey: bundle.signingPublicKey,
          encryptionPublicKey: bundle.encryptionPublicKey,
        };
      } catch {
        /* nothing to keep */
      }
      await trx
        .updateTable("accounts")
        .set({
          username: `deleted-${account.id}`.slice(0, 64),
          opaque_record: "",
          key_bundle: JSON.stringify(publicKeys),
          display_name: null,
        })
        .where("id", "=", account.id)
        .execute();
      await recordAudit(trx, opts.now, {
        organisationId: orgId,
        actorId: null,
        action: "account.deleted",
        target: { type: "account", id: account.id },
        data: { reason: "retention", kind: "staff" },
      });
    });
    bump(report, "staff_accounts", 1);
  }
}

/** Everything that lets an account log in or decrypt, and its memberships. */
export async function removeCredentials(trx: Trx, accountId: string): Promise<void> {
  const sessions = trx.selectFrom("sessions").select("id").where("account_id", "=", accountId);
  await trx.deleteFrom("mfa_challenges").where("session_id", "in", sessions).execute();
  await trx.deleteFrom("sessions").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("mfa_totp").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("webauthn_credentials").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("recovery_states").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("login_states").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("account_resets").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("case_rebind_codes").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("device_keys").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("key_wraps").where("recipient_account_id", "=", accountId).execute();
  await trx.deleteFrom("team_members").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("absences").where("account_id", "=", accountId).execute();
}

/**
 * Anonymous client accounts not logged in for the period, and with nothing
 * left that names them (their cases are deleted by the closed-case rule
 * first; a client whose case is still open keeps the account).
 */
function inactiveClients(db: Db | Trx, cutoff: number) {
  return db
    .selectFrom("accounts")
    .where("kind", "=", "client")
    .where(sql<number>`coalesce(last_login_at, created_at)`, "<", cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("cases")
            .select("cases.id")
            .whereRef("cases.client_id", "=", "accounts.id")
            .union(
              selectFrom("conversation_members")
                .select("conversation_members.conversation_id as id")
                .whereRef("conversation_members.account_id", "=", "accounts.id"),
            )
            .union(selectFrom("messages").select("messages.id").whereRef("messages.sender_id", "=", "accounts.id"))
            .union(
              selectFrom("conversations")
                .select("conversations.id")
                .whereRef("conversations.created_by", "=", "accounts.id"),
            )
            .union(
              selectFrom("attachments")
                .select("attachments.id")
                .whereRef("attachments.uploader_id", "=", "accounts.id"),
            ),
        ),
      ),
    );
}

async function runInactiveClients(
  ctx: RetentionContext,
  opts: RetentionRunOptions,
  rules: RetentionRuleView[],
  report: RetentionScopeReport,
): Promise<void> {
  const cutoff = retentionCutoff(opts.now, periodOf(rules, "inactive_client_accounts"));
  const db = ctx.db.db;
  const candidates = await inactiveClients(db, cutoff).select("id").execute();
  if (opts.dryRun) {
    bump(report, "inactive_client_accounts", candidates.length);
    addIds(
      report,
      "inactive_client_accounts",
      candidates.map((c) => c.id),
    );
    return;
  }
  for (const { id } of candidates) {
    if (opts.signal?.aborted) throw new Interrupted();
    const done = await db.transaction().execute(async (trx) => {
      const still = await inactiveClients(trx, cutoff).select("id").where("id", "=", id).executeTakeFirst();
      if (!still) return false; // logged in since the list was read
      await removeCredentials(trx, id);
      await trx.deleteFrom("accounts").where("id", "=", id).execute();
      await recordAudit(trx, opts.now, {
        organisationId: null,
        actorId: null,
        action: "account.deleted",
        target: { type: "account", id },
        data: { reason: "retention", kind: "client" },
      });
      return true;
    });
    if (done) {
      bump(report, "inactive_client_accounts", 1);
      addIds(report, "inactive_client_accounts", [id]);
    }
  }
}

async function runAuditEntries(
  ctx: RetentionContext,
  opts: RetentionRunOptions,
  scope: string,
  rules: RetentionRuleView[],
  report: RetentionScopeReport,
): Promise<void> {
  const cutoff = retentionCutoff(opts.now, periodOf(rules, "audit_entries"));
  const plan = await prunableAuditEntries(ctx.db.db, scope, cutoff);
  if (opts.dryRun || plan.upToSeq === 0) {
    bump(report, "audit_entries", plan.count);
    return;
  }
  if (!ctx.auditAnchorKey) {
    report.notes.push("audit entries kept: no audit anchor key to sign the prune point");
    return;
  }
  bump(report, "audit_entries", await pruneAuditChain(ctx.db.db, scope, plan.upToSeq, ctx.auditAnchorKey, opts.now));
}

function emptyScope(scope: string): RetentionScopeReport {
  // Every class of the scope is reported, with 0 where nothing went: "nothing to delete" is a result too.
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
  if (scope === INSTANCE_SCOPE) {
    await runInactiveClients(ctx, opts, rules, report);
  } else {
    await runClosedCases(ctx, opts, scope, rules, report);
    await runNotes(ctx, opts, scope, rules, report);
    await runStaffConversations(ctx, opts, scope, rules, report);
    await runStaffAccounts(ctx, opts, scope, rules, report);
  }
  await runAuditEntries(ctx, opts, scope, rules, report);
}

/**
 * One retention run over every organisation (and the instance classes), or
 * one organisation. A dry run reads only. A real run records `retention.run`
 * with the counts in each chain it touched, and logs the totals; neither
 * ever contains content.
 */
export async function runRetention(ctx: RetentionContext, opts: RetentionRunOptions): Promise<RetentionReport> {
  const dryRun = opts.dryRun ?? false;
  const orgs = opts.orgId
    ? [opts.orgId]
    : (await ctx.db.db.selectFrom("organisations").select("id").orderBy("id").execute()).map((o) => o.id);
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
