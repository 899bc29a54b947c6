// SPDX-License-Identifier: AGPL-3.0-or-later
import { DSR_LIMITS, type DsrRequestView, type DsrStatus, type DsrSubject, type DsrType } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { Kysely } from "kysely";
import type { Database, DsrRequestsTable } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { recordAudit } from "../../core/audit";
import { attentionOf, calendarDay, dueOn } from "./dates";
import { resolveOrgSubject } from "./restrictions";
import { newId } from "../../core/ids";
import {
  claimDsrReminder,
  dsrRequestFigures,
  dsrRequestOfOrganisation,
  dsrRequestsWithStatus,
  insertDsrRequest,
  listDsrRequestRows,
  updateDsrRequest,
} from "./store";

/**
 * Data-subject requests that reached the organisation by letter, e-mail,
 * phone or in person (issue 7.5). The DPO (or an admin) registers each with
 * the day it was received; it is due one month later (Art. 12(3) GDPR) and
 * can be extended by at most two further months, each time with a reason
 * (audited; the reason stays in the row). A daily job records a reminder
 * seven days before the due date and one when it has passed, each once per
 * due date, as audit entries and on the request itself (the DPO's list
 * shows them); through `DsrReminderSink` they become the DPO's notices (ADR 0041).
 */

const PENDING: DsrStatus[] = ["open", "extended"];

function authorizeOrg(actor: Actor, orgId: string): void {
  authorize(actor, "dsr.manage", { type: "organisation", organisationId: orgId });
}

function subjectOf(r: DsrRequestsTable): DsrSubject {
  if (r.subject_type === "client") return { type: "client", clientId: r.subject_ref };
  if (r.subject_type === "case") return { type: "case", caseId: r.subject_ref };
  return { type: "reference", reference: r.subject_ref };
}

export function presentRequest(r: DsrRequestsTable, today: string): DsrRequestView {
  const pending = PENDING.includes(r.status);
  return {
    id: r.id,
    organisationId: r.organisation_id,
    type: r.type,
    subject: subjectOf(r),
    receivedOn: r.received_on,
    originalDueOn: r.original_due_on,
    dueOn: r.due_on,
    extensionMonths: Number(r.extension_months),
    extensionReason: r.extension_reason,
    status: r.status,
    closedReason: r.closed_reason,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    closedBy: r.closed_by,
    closedAt: r.closed_at === null ? null : Number(r.closed_at),
    attention: pending ? attentionOf(r.due_on, today, DSR_LIMITS.remindDaysBefore) : null,
    remindedDueSoonAt: r.reminded_due_soon_at === null ? null : Number(r.reminded_due_soon_at),
    remindedOverdueAt: r.reminded_overdue_at === null ? null : Number(r.reminded_overdue_at),
  };
}

export async function listDsrRequests(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; state?: "pending" | "closed" | "all" | undefined },
): Promise<{ requests: DsrRequestView[]; today: string }> {
  authorizeOrg(props.actor, props.orgId);
  const rows = await listDsrRequestRows(ctx.db.db, {
    orgId: props.orgId,
    ...(props.state === "pending" ? { onlyStatuses: PENDING } : {}),
    ...(props.state === "closed" ? { exceptStatuses: PENDING } : {}),
  });
  const today = calendarDay(ctx.clock.now());
  return { requests: rows.map((r) => presentRequest(r, today)), today };
}

export async function createDsrRequest(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; type: DsrType; subject: DsrSubject; receivedOn: string },
): Promise<DsrRequestView> {
  authorizeOrg(props.actor, props.orgId);
  const now = ctx.clock.now();
  const today = calendarDay(now);
  if (props.receivedOn > today) throw new AppError("invalid_body", "The day of receipt cannot be in the future");
  // Client and case subjects must be of this organisation; a free reference is taken as written.
  const ref =
    props.subject.type === "reference"
      ? { type: "reference" as const, id: props.subject.reference }
      : await resolveOrgSubject(ctx.db.db, props.orgId, props.subject);
  const due = dueOn(props.receivedOn, 0);
  const row: DsrRequestsTable = {
    id: newId(),
    organisation_id: props.orgId,
    type: props.type,
    subject_type: ref.type,
    subject_ref: ref.id,
    received_on: props.receivedOn,
    original_due_on: due,
    due_on: due,
    extension_months: 0,
    extension_reason: null,
    status: "open",
    closed_reason: null,
    created_by: props.actor.accountId,
    created_at: now,
    closed_by: null,
    closed_at: null,
    reminded_due_soon_at: null,
    reminded_overdue_at: null,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertDsrRequest(trx, row);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "dsr.request_registered",
      target: { type: "dsr_request", id: row.id },
      // Only the kind of subject: a free reference could still be identifying.
      data: { type: row.type, subjectType: row.subject_type, receivedOn: row.received_on, dueOn: row.due_on },
    });
  });
  return presentRequest(row, today);
}

async function pendingRequest(db: AppContext["db"]["db"], orgId: string, requestId: string): Promise<DsrRequestsTable> {
  const row = await dsrRequestOfOrganisation(db, orgId, requestId);
  if (!row) throw new NotFoundError("No such request");
  if (!PENDING.includes(row.status)) throw new AppError("conflict", `This request is already ${row.status}`);
  return row;
}

/** Extends the deadline; at most two months beyond the first month in total (Art. 12(3)). */
export async function extendDsrRequest(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; requestId: string; months: number; reason: string },
): Promise<DsrRequestView> {
  authorizeOrg(props.actor, props.orgId);
  const now = ctx.clock.now();
  return ctx.db.db.transaction().execute(async (trx) => {
    const row = await pendingRequest(trx, props.orgId, props.requestId);
    const total = Number(row.extension_months) + props.months;
    if (total > DSR_LIMITS.maxExtensionMonths)
      throw new AppError(
        "conflict",
        `The deadline can be extended by at most ${DSR_LIMITS.maxExtensionMonths} months in total (already ${row.extension_months})`,
      );
    const due = dueOn(row.received_on, total);
    const reason = row.extension_reason ? `${row.extension_reason}\n${props.reason}` : props.reason;
    const changed = {
      extension_months: total,
      extension_reason: reason,
      due_on: due,
      status: "extended" as const,
      // New due date, new reminders.
      reminded_due_soon_at: null,
      reminded_overdue_at: null,
    };
    await updateDsrRequest(trx, row.id, changed, PENDING);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "dsr.request_extended",
      target: { type: "dsr_request", id: row.id },
      // The reason is kept in the request; the chain records that one was given.
      data: { months: props.months, totalMonths: total, dueOn: due, reasonGiven: true },
    });
    return presentRequest({ ...row, ...changed }, calendarDay(now));
  });
}

export async function closeDsrRequest(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; requestId: string; outcome: "done" | "refused"; reason?: string | undefined },
): Promise<DsrRequestView> {
  authorizeOrg(props.actor, props.orgId);
  const now = ctx.clock.now();
  const today = calendarDay(now);
  return ctx.db.db.transaction().execute(async (trx) => {
    const row = await pendingRequest(trx, props.orgId, props.requestId);
    const changed = {
      status: props.outcome,
      closed_reason: props.reason ?? null,
      closed_by: props.actor.accountId,
      closed_at: now,
    };
    await updateDsrRequest(trx, row.id, changed);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: props.outcome === "done" ? "dsr.request_done" : "dsr.request_refused",
      target: { type: "dsr_request", id: row.id },
      data: { type: row.type, dueOn: row.due_on, late: today > row.due_on },
    });
    return presentRequest({ ...row, ...changed }, today);
  });
}

export async function dsrReport(ctx: AppContext, props: { actor: Actor; orgId: string }) {
  authorizeOrg(props.actor, props.orgId);
  const rows = await dsrRequestFigures(ctx.db.db, props.orgId);
  const today = calendarDay(ctx.clock.now());
  const byStatus: Record<DsrStatus, number> = { open: 0, extended: 0, done: 0, refused: 0 };
  const byType: Record<DsrType, number> = {
    access: 0,
    erasure: 0,
    rectification: 0,
    restriction: 0,
    portability: 0,
    objection: 0,
  };
  let dueSoon = 0;
  let overdue = 0;
  let closedLate = 0;
  for (const r of rows) {
    byStatus[r.status] += 1;
    byType[r.type] += 1;
    if (PENDING.includes(r.status)) {
      const a = attentionOf(r.due_on, today, DSR_LIMITS.remindDaysBefore);
      if (a === "due_soon") dueSoon += 1;
      if (a === "overdue") overdue += 1;
    } else if (r.closed_at !== null && calendarDay(Number(r.closed_at)) > r.due_on) closedLate += 1;
  }
  return { today, byStatus, byType, dueSoon, overdue, closedLate };
}

/**
 * Where reminders go besides the audit log and the DPO's list: the DPO's notices (app/housekeeping.ts wires
 * modules/notifications in). Called inside the transaction that claims the reminder, so a notice exists exactly
 * when its reminder does, once per due date.
 */
export interface DsrReminderSink {
  remind(
    db: Kysely<Database>,
    now: number,
    reminder: {
      organisationId: string;
      requestId: string;
      kind: "due_soon" | "overdue";
      dueOn: string;
    },
  ): Promise<unknown>;
}

export const noReminderSink: DsrReminderSink = { remind: async () => {} };

/**
 * The daily reminder run: for every pending request, records `dsr.reminder`
 * once when it enters the last seven days and once when it is overdue (per
 * due date; an extension starts over). Returns counts for job_runs.
 */
export async function runDsrReminders(
  ctx: Pick<AppContext, "db">,
  now: number,
  sink: DsrReminderSink = noReminderSink,
): Promise<{ dueSoon: number; overdue: number }> {
  const today = calendarDay(now);
  const rows = await dsrRequestsWithStatus(ctx.db.db, PENDING);
  const counts = { dueSoon: 0, overdue: 0 };
  for (const r of rows) {
    const attention = attentionOf(r.due_on, today, DSR_LIMITS.remindDaysBefore);
    if (attention === null) continue;
    const column = attention === "overdue" ? "reminded_overdue_at" : "reminded_due_soon_at";
    if (r[column] !== null) continue;
    const claimed = await ctx.db.db.transaction().execute(async (trx) => {
      // Conditional update: a second node running the same slot records nothing twice.
      const won = await claimDsrReminder(trx, { requestId: r.id, column, dueOn: r.due_on, statuses: PENDING, now });
      if (!won) return false;
      await recordAudit(trx, now, {
        organisationId: r.organisation_id,
        actorId: null,
        action: "dsr.reminder",
        target: { type: "dsr_request", id: r.id },
        data: { kind: attention, dueOn: r.due_on },
      });
      await sink.remind(trx, now, {
        organisationId: r.organisation_id,
        requestId: r.id,
        kind: attention,
        dueOn: r.due_on,
      });
      return true;
    });
    if (!claimed) continue;
    counts[attention === "overdue" ? "overdue" : "dueSoon"] += 1;
  }
  return counts;
}
