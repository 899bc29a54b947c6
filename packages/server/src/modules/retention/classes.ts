// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { recordAudit } from "../../core/audit";
import { restrictedCaseIds } from "../../policies";
import { pruneAuditChain, prunableAuditEntries } from "./audit-pruning";
import { inactiveClientAccounts, staffAccounts } from "./account-classes";
import { deleteCase, deleteConversation, queueAttachmentBlobs } from "./delete";
import type { ObjectClass, RetentionClassEnv, RetentionClassRun, SetClass } from "./descriptor";
import {
  countExpiredStaffMessages,
  countHeldExpiredCases,
  deleteAttachments,
  deleteExpiredStaffMessages,
  detachCaseNotes,
  listExpiredCaseNotes,
  listExpiredCases,
  listExpiredStaffAttachments,
  listExpiredStaffMessageIds,
  lockExpiredCase,
} from "./store-classes";

/**
 * The deletion concept as data: one descriptor per data class says what is
 * past its period (from the class's start event), what is kept though it is
 * (legal hold, Art. 18 restriction), and how it goes with its blobs and key
 * wraps. modules/retention/run.ts runs them, in the order of RETENTION_RUNS,
 * for the classes of each scope (classesOfScope).
 */

/** What counts as held besides a legal hold: a restriction of processing (Art. 18, policies/gates/restriction.ts). */
const restricted = restrictedCaseIds;

function lockCase(trx: Transaction<Database>, env: RetentionClassEnv, caseId: string) {
  return lockExpiredCase(trx, env.dialect, { orgId: env.scope, cutoff: env.cutoff, caseId, restricted });
}

/** Erases a descriptor's row type: the runner only hands `remove` what `candidates` returned. */
function objects<T>(descriptor: ObjectClass<T>): RetentionClassRun {
  return descriptor as ObjectClass<unknown>;
}

const closedCases: ObjectClass<{ id: string }> = {
  kind: "objects",
  dataClass: "closed_cases",
  kept: {
    key: "held_cases_kept",
    count: ({ db, scope, cutoff }) => countHeldExpiredCases(db, scope, cutoff, restricted),
  },
  candidates: ({ db, scope, cutoff }) => listExpiredCases(db, scope, cutoff, restricted),
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
  candidates: ({ db, scope, cutoff }) => listExpiredCaseNotes(db, scope, cutoff, restricted),
  reportId: (c) => c.notes_conversation_id!,
  batch: 1,
  rechecks: true,
  remove: async (trx, [c], env) => {
    const row = await lockCase(trx, env, c!.id);
    if (!row?.notes_conversation_id) return [];
    await detachCaseNotes(trx, row.id);
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
const staffAttachments: ObjectClass<{ id: string; chunk_count: number; completed_at: number | null }> = {
  kind: "objects",
  dataClass: "attachments",
  candidates: ({ db, scope, cutoff }) => listExpiredStaffAttachments(db, scope, cutoff),
  reportId: (a) => a.id,
  batch: 200,
  rechecks: false,
  remove: async (trx, batch, env) => {
    await queueAttachmentBlobs(trx, batch, env.now);
    const ids = batch.map((a) => a.id);
    await deleteAttachments(trx, ids);
    return ids;
  },
};

const staffMessages: SetClass = {
  kind: "set",
  dataClass: "messages",
  preview: async ({ db, scope, cutoff }, maxIds) => {
    const ids = await listExpiredStaffMessageIds(db, scope, cutoff, maxIds);
    return { count: await countExpiredStaffMessages(db, scope, cutoff), ids };
  },
  remove: ({ db, scope, cutoff }) => deleteExpiredStaffMessages(db, scope, cutoff),
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
