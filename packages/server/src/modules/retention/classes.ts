// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { recordAudit } from "../../core/audit";
import { restrictedCaseIds } from "../../policies";
import { pruneAuditChain, prunableAuditEntries } from "./audit-pruning";
import { inactiveClientAccounts, staffAccounts } from "./account-classes";
import { deleteCase, deleteConversation, queueAttachmentBlobs } from "./delete";
import type { ObjectClass, RetentionClassEnv, RetentionClassRun, SetClass } from "./descriptor";

/**
 * The deletion concept as data: one descriptor per data class says what is
 * past its period (from the class's start event), what is kept though it is
 * (legal hold, Art. 18 restriction), and how it goes with its blobs and key
 * wraps. modules/retention/run.ts runs them, in the order of RETENTION_RUNS,
 * for the classes of each scope (classesOfScope).
 */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** Erases a descriptor's row type: the runner only hands `remove` what `candidates` returned. */
function objects<T>(descriptor: ObjectClass<T>): RetentionClassRun {
  return descriptor as ObjectClass<unknown>;
}

const STAFF_CONVERSATION_KINDS = ["team", "direct", "broadcast"] as const;
const CLOSED_STATES = ["closed", "archived"] as const;

/**
 * Active holds, as a subquery: case ids that must not be deleted. A
 * restriction of processing (Art. 18, policies/gates/restriction.ts) keeps
 * the case like a legal hold does.
 */
function heldCaseIds(db: Db) {
  return db.selectFrom("legal_holds").select("case_id").where("released_at", "is", null).union(restrictedCaseIds(db));
}

/** Closed cases past their period and not on hold, as a query; re-run inside each deletion transaction. */
function expiredCases(db: Db, orgId: string, cutoff: number) {
  return db
    .selectFrom("cases")
    .where("organisation_id", "=", orgId)
    .where("state", "in", [...CLOSED_STATES])
    .where("closed_at", "is not", null)
    .where("closed_at", "<", cutoff)
    .where("id", "not in", heldCaseIds(db));
}

async function lockCase(trx: Trx, env: RetentionClassEnv, caseId: string) {
  const q = expiredCases(trx, env.scope, env.cutoff)
    .select(["id", "conversation_id", "notes_conversation_id"])
    .where("id", "=", caseId);
  return (env.dialect === "postgres" ? q.forUpdate() : q).executeTakeFirst();
}

const closedCases: ObjectClass<{ id: string }> = {
  kind: "objects",
  dataClass: "closed_cases",
  kept: {
    key: "held_cases_kept",
    count: async ({ db, scope, cutoff }) => {
      const held = await db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<string | number>().as("n"))
        .where("organisation_id", "=", scope)
        .where("state", "in", [...CLOSED_STATES])
        .where("closed_at", "<", cutoff)
        .where("id", "in", heldCaseIds(db))
        .executeTakeFirstOrThrow();
      return Number(held.n);
    },
  },
  candidates: ({ db, scope, cutoff }) => expiredCases(db, scope, cutoff).select("id").orderBy("closed_at").execute(),
  reportId: (c) => c.id,
  batch: 1,
  rechecks: true,
  remove: async (trx, [c], env) => {
    const row = await lockCase(trx, env, c!.id);
    if (!row) return []; // reopened or put on hold since the candidate list was read
    await deleteCase(trx, { ...row, organisation_id: env.scope }, env.now, { reason: "retention", actorId: null });
    return [row.id];
  },
};

const notes: ObjectClass<{ id: string; notes_conversation_id: string | null }> = {
  kind: "objects",
  dataClass: "notes",
  candidates: ({ db, scope, cutoff }) =>
    expiredCases(db, scope, cutoff)
      .select(["id", "notes_conversation_id"])
      .where("notes_conversation_id", "is not", null)
      .orderBy("closed_at")
      .execute(),
  reportId: (c) => c.notes_conversation_id!,
  batch: 1,
  rechecks: true,
  remove: async (trx, [c], env) => {
    const row = await lockCase(trx, env, c!.id);
    if (!row?.notes_conversation_id) return [];
    await trx.updateTable("cases").set({ notes_conversation_id: null }).where("id", "=", row.id).execute();
    const gone = await deleteConversation(trx, row.notes_conversation_id, env.now);
    await recordAudit(trx, env.now, {
      organisationId: env.scope,
      actorId: null,
      action: "case.notes_deleted",
      target: { type: "case", id: row.id },
      data: { reason: "retention", notes: gone.messages, attachments: gone.attachments, keyWraps: gone.wraps },
    });
    return [row.notes_conversation_id];
  },
};

/** Staff conversations (team, direct, broadcast) go by age, message by message; case content follows its case. */
function staffConversations(db: Db, orgId: string) {
  return db
    .selectFrom("conversations")
    .select("id")
    .where("organisation_id", "=", orgId)
    .where("kind", "in", [...STAFF_CONVERSATION_KINDS]);
}

const staffAttachments: ObjectClass<{ id: string; chunk_count: number; completed_at: number | null }> = {
  kind: "objects",
  dataClass: "attachments",
  candidates: ({ db, scope, cutoff }) =>
    db
      .selectFrom("attachments")
      .select(["id", "chunk_count", "completed_at"])
      .where("conversation_id", "in", staffConversations(db, scope))
      .where("completed_at", "is not", null)
      .where("created_at", "<", cutoff)
      .execute(),
  reportId: (a) => a.id,
  batch: 200,
  rechecks: false,
  remove: async (trx, batch, env) => {
    await queueAttachmentBlobs(trx, batch, env.now);
    const ids = batch.map((a) => a.id);
    await trx.deleteFrom("attachments").where("id", "in", ids).execute();
    return ids;
  },
};

function expiredStaffMessages(db: Db, orgId: string, cutoff: number) {
  return db
    .selectFrom("messages")
    .where("conversation_id", "in", staffConversations(db, orgId))
    .where("created_at", "<", cutoff);
}

const staffMessages: SetClass = {
  kind: "set",
  dataClass: "messages",
  preview: async ({ db, scope, cutoff }, maxIds) => {
    const expired = expiredStaffMessages(db, scope, cutoff);
    const ids = await expired.select("id").limit(maxIds).execute();
    const n = await expired.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow();
    return { count: Number(n.n), ids: ids.map((m) => m.id) };
  },
  remove: async ({ db, scope, cutoff }) => {
    const result = await db
      .deleteFrom("messages")
      .where("conversation_id", "in", staffConversations(db, scope))
      .where("created_at", "<", cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};

/** The scope's audit chain loses its oldest entries (modules/retention/audit-pruning.ts); last, after what this run recorded. */
const auditEntries: SetClass = {
  kind: "set",
  dataClass: "audit_entries",
  preview: async ({ db, scope, cutoff }) => ({ count: (await prunableAuditEntries(db, scope, cutoff)).count }),
  remove: async ({ db, scope, cutoff, now, auditAnchorKey }, note) => {
    const plan = await prunableAuditEntries(db, scope, cutoff);
    if (plan.upToSeq === 0) return plan.count;
    if (!auditAnchorKey) {
      note("audit entries kept: no audit anchor key to sign the prune point");
      return 0;
    }
    return pruneAuditChain(db, scope, plan.upToSeq, auditAnchorKey, now);
  },
};

/** Every class the job deletes, in the order it runs them (a scope runs those of classesOfScope). */
export const RETENTION_RUNS: readonly RetentionClassRun[] = [
  objects(closedCases),
  objects(notes),
  objects(staffAttachments),
  staffMessages,
  objects(staffAccounts),
  objects(inactiveClientAccounts),
  auditEntries,
];
