// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  BREACH_DEADLINE_MS,
  BREACH_REMINDER_HOURS,
  authorityMustBeNotified,
  notifiedLate,
  personsMustBeTold,
  type BreachUpdate,
  type BreachView,
} from "@obhut/protocol";
import type { Kysely } from "kysely";
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { AppError, NotFoundError } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Database } from "../../infra/db/schema";
import { authorize } from "../../policies";
import { noticeBreachReminder } from "../notifications";
import { latestProcessingRecordContent } from "./store";
import {
  breachRow,
  claimBreachReminder,
  insertBreach,
  listBreachRows,
  unnotifiedOpenBreaches,
  updateBreachRow,
  type BreachRow,
} from "./store-breaches";

/**
 * The breach register (Art. 33/34 GDPR, ADR 0047). The description and the
 * other texts are kept exactly as the DPO writes them and leave the server
 * only to the DPO and admins of the organisation; the audit chain records
 * who changed what kind of field (`breach.create`, `breach.update` with the
 * names of the changed fields, the risk and status) but never a text.
 */

function view(r: BreachRow): BreachView {
  const awareAt = Number(r.aware_at);
  return {
    id: r.id,
    description: r.description,
    awareAt,
    dataCategories: r.data_categories,
    personsAffected: r.persons_affected === null ? null : Number(r.persons_affected),
    status: r.status,
    risk: r.risk,
    consequences: r.consequences,
    measures: r.measures,
    authorityNotifiedAt: r.authority_notified_at === null ? null : Number(r.authority_notified_at),
    delayReason: r.delay_reason,
    personsNotifiedAt: r.persons_notified_at === null ? null : Number(r.persons_notified_at),
    deadlineAt: awareAt + BREACH_DEADLINE_MS,
    notifyAuthority: authorityMustBeNotified(r.risk),
    notifyPersons: personsMustBeTold(r.risk),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function listBreaches(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<{ breaches: BreachView[]; dpoContact: string }> {
  authorize(props.actor, "breach.read", { type: "organisation", organisationId: props.orgId });
  const db = ctx.db.db;
  const rows = await listBreachRows(db, props.orgId);
  const latest = await latestProcessingRecordContent(db, props.orgId);
  const dpoContact = latest === undefined ? "" : ((JSON.parse(latest) as { dpoContact?: string }).dpoContact ?? "");
  return { breaches: rows.map(view), dpoContact };
}

export async function createBreach(
  ctx: AppContext,
  props: {
    actor: Actor;
    orgId: string;
    description: string;
    awareAt: number;
    dataCategories: string;
    personsAffected: number | null;
  },
): Promise<BreachView> {
  const { actor, orgId } = props;
  authorize(actor, "breach.write", { type: "organisation", organisationId: orgId });
  const now = ctx.clock.now();
  const row: BreachRow = {
    id: newId(),
    organisation_id: orgId,
    description: props.description,
    aware_at: props.awareAt,
    data_categories: props.dataCategories,
    persons_affected: props.personsAffected,
    status: "open",
    risk: "unassessed",
    consequences: "",
    measures: "",
    authority_notified_at: null,
    delay_reason: null,
    persons_notified_at: null,
    created_by: actor.accountId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertBreach(trx, row);
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "breach.create",
      target: { type: "breach", id: row.id },
      data: { awareAt: props.awareAt },
    });
  });
  // A breach recorded late may already be within a reminder's window.
  ctx.jobs.wake();
  return view(row);
}

const FIELDS: [keyof BreachUpdate, keyof BreachRow][] = [
  ["description", "description"],
  ["awareAt", "aware_at"],
  ["dataCategories", "data_categories"],
  ["personsAffected", "persons_affected"],
  ["status", "status"],
  ["risk", "risk"],
  ["consequences", "consequences"],
  ["measures", "measures"],
  ["authorityNotifiedAt", "authority_notified_at"],
  ["delayReason", "delay_reason"],
  ["personsNotifiedAt", "persons_notified_at"],
];

export async function updateBreach(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; breachId: string; update: BreachUpdate },
): Promise<BreachView> {
  const { actor, orgId, update } = props;
  authorize(actor, "breach.write", { type: "organisation", organisationId: orgId });
  const delayReason = update.delayReason?.trim() ? update.delayReason : null;
  if (notifiedLate(update.awareAt, update.authorityNotifiedAt) && delayReason === null)
    throw new AppError(
      "breach_delay_reason_required",
      "The authority was notified more than 72 hours after awareness: state the reasons for the delay",
      { issues: [{ path: "delayReason", message: "required when notified after 72 hours" }] },
    );
  const now = ctx.clock.now();
  const updated = await ctx.db.db.transaction().execute(async (trx) => {
    const before = await breachRow(trx, orgId, props.breachId);
    if (!before) throw new NotFoundError("No such breach");
    const next: BreachRow = {
      ...before,
      description: update.description,
      aware_at: update.awareAt,
      data_categories: update.dataCategories,
      persons_affected: update.personsAffected,
      status: update.status,
      risk: update.risk,
      consequences: update.consequences,
      measures: update.measures,
      authority_notified_at: update.authorityNotifiedAt,
      delay_reason: delayReason,
      persons_notified_at: update.personsNotifiedAt,
      updated_at: now,
    };
    const changed = FIELDS.filter(([, col]) => String(before[col]) !== String(next[col])).map(([f]) => f);
    if (changed.length === 0) return before;
    const { id: _id, organisation_id: _o, created_by: _c, created_at: _ca, ...values } = next;
    await updateBreachRow(trx, before.id, values);
    // Field names, the risk, the status and times only: never a text of the record.
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "breach.update",
      target: { type: "breach", id: before.id },
      data: {
        fields: changed.join(","),
        risk: next.risk,
        status: next.status,
        authorityNotifiedAt: next.authority_notified_at,
        late: notifiedLate(Number(next.aware_at), next.authority_notified_at),
      },
    });
    return next;
  });
  return view(updated);
}

/**
 * The DPO's reminders of the 72-hour deadline: 24 and 4 hours before it and
 * once when it has passed, for every open breach whose authority has not been
 * notified and that is not assessed as "no risk". Each is claimed once in
 * `breach_reminders`, in the transaction that enqueues its notices (bell,
 * push, e-mail: "a breach notification deadline is near", never the text).
 * Returns how many reminders were sent.
 */
export async function runBreachReminders(db: Kysely<Database>, now: number): Promise<number> {
  let sent = 0;
  for (const b of await unnotifiedOpenBreaches(db)) {
    if (b.risk === "none") continue;
    const deadline = Number(b.aware_at) + BREACH_DEADLINE_MS;
    const due =
      now >= deadline
        ? ("overdue" as const)
        : now >= deadline - BREACH_REMINDER_HOURS[1] * 3_600_000
          ? ("h4" as const)
          : now >= deadline - BREACH_REMINDER_HOURS[0] * 3_600_000
            ? ("h24" as const)
            : null;
    if (due === null) continue;
    await db.transaction().execute(async (trx) => {
      if (!(await claimBreachReminder(trx, b.id, due, now))) return;
      await noticeBreachReminder(trx, now, {
        organisationId: b.organisation_id,
        breachId: b.id,
        kind: due === "overdue" ? "overdue" : "due_soon",
        step: due,
      });
      sent++;
    });
  }
  return sent;
}
