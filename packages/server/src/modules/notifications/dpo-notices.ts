// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { noticeStaffEvent } from "./bell";
import { organisationDpos } from "./store-bell";

/**
 * The DPO's deadlines through the same notices as everything else (issue #17,
 * ADR 0041): a data-subject request due in seven days, and one overdue, put
 * an entry in the bell of each DPO of the organisation and, for a DPO who
 * confirmed an address, an e-mail notice — kind only, never the request's
 * subject, type or date. Called inside the transaction that records the
 * reminder (modules/dsr claims it once per due date), so the notices exist
 * exactly when the reminder does.
 */
export async function noticeDsrReminder(
  db: Kysely<Database>,
  now: number,
  r: { organisationId: string; requestId: string; kind: "due_soon" | "overdue"; dueOn: string },
): Promise<string[]> {
  const kind = r.kind === "due_soon" ? "dsr_due_soon" : "dsr_overdue";
  const eventId = `dsr:${r.requestId}:${r.kind}:${r.dueOn}`;
  const dpos = await organisationDpos(db, r.organisationId);
  // Bell, push and e-mail as each DPO's rules say (ADR 0044).
  await noticeStaffEvent(db, now, { eventId, kind, organisationId: r.organisationId, caseId: null, recipients: dpos });
  return dpos;
}

/**
 * A breach's 72-hour notification deadline (ADR 0047): near (24 h and 4 h
 * before) or passed. Kind only — never the breach's description, categories
 * or numbers. Called inside the transaction that claims the reminder
 * (modules/dpo/breaches.ts), so a reminder is sent exactly once.
 */
export async function noticeBreachReminder(
  db: Kysely<Database>,
  now: number,
  r: { organisationId: string; breachId: string; kind: "due_soon" | "overdue"; step: string },
): Promise<string[]> {
  const kind = r.kind === "due_soon" ? "breach_due_soon" : "breach_overdue";
  const dpos = await organisationDpos(db, r.organisationId);
  await noticeStaffEvent(db, now, {
    eventId: `breach:${r.breachId}:${r.step}`,
    kind,
    organisationId: r.organisationId,
    caseId: null,
    recipients: dpos,
  });
  return dpos;
}
