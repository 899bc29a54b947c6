// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { StaffNotificationKind } from "@obhut/protocol";
import type { Database } from "../../infra/db/schema";
import { noticeStaffEvent, teamRecipients } from "./bell";
import { DIGEST_JOB } from "./defer";
import { PUSH_NOTICE_JOB } from "./deliver-push";
import { EMAIL_NOTICE_JOB } from "./email-job";
import { NOTICE_MAX_AGE_MS } from "./rules";
import {
  allOrganisations,
  draftsSince,
  enquiryWaitLimits,
  failedNoticeJobsSince,
  organisationStaff,
  unassignedEnquiries,
} from "./store-watch";

/**
 * Events nobody's request raises (issue #17, ADR 0044), found by the
 * scheduler (app/housekeeping.ts) from what the database already says and
 * sent through the same bell, rules and durable queue as every other notice.
 * Each event has a stable id (the case, the draft, the organisation and an
 * hour or a day), so a run repeated on another node or an hour later adds
 * nothing; what became true more than a day ago is not noticed (as no notice
 * goes out for events older than a day). Content-free: a kind and at most a case.
 */
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

async function notice(
  db: Kysely<Database>,
  now: number,
  e: {
    eventId: string;
    kind: StaffNotificationKind;
    organisationId: string;
    caseId: string | null;
    recipients: string[];
  },
): Promise<number> {
  if (e.recipients.length === 0) return 0;
  await db.transaction().execute((trx) => noticeStaffEvent(trx, now, e));
  return 1;
}

/** Team leads: a new enquiry still unassigned after the organisation's limit (enquiry_wait_hours). */
export async function noticeWaitingEnquiries(db: Kysely<Database>, now: number): Promise<number> {
  let events = 0;
  for (const { organisation_id: orgId, hours } of await enquiryWaitLimits(db)) {
    const limit = hours * HOUR_MS;
    for (const c of await unassignedEnquiries(db, orgId, now - limit - NOTICE_MAX_AGE_MS, now - limit))
      events += await notice(db, now, {
        eventId: `waiting:${c.id}`,
        kind: "enquiry_waiting",
        organisationId: orgId,
        caseId: c.id,
        recipients: await teamRecipients(db, c.team_id, { leads: true }),
      });
  }
  return events;
}

/** The DPO: a document draft waits for approval (never the author's own: they may not approve it). */
export async function noticeDocumentApprovals(db: Kysely<Database>, now: number): Promise<number> {
  let events = 0;
  for (const d of await draftsSince(db, now - NOTICE_MAX_AGE_MS))
    events += await notice(db, now, {
      eventId: `document:${d.id}`,
      kind: "document_approval",
      organisationId: d.organisation_id,
      caseId: null,
      recipients: (await organisationStaff(db, d.organisation_id, "dpo")).filter((id) => id !== d.created_by),
    });
  return events;
}

/**
 * Admins: notices that failed for good (dead letters), at most one event per organisation and hour;
 * the console's "Benachrichtigungen" page lists them.
 */
export async function noticeFailedJobs(db: Kysely<Database>, now: number): Promise<number> {
  const slots = new Set<string>();
  for (const row of await failedNoticeJobsSince(db, [EMAIL_NOTICE_JOB, PUSH_NOTICE_JOB, DIGEST_JOB], now - DAY_MS)) {
    const orgId = organisationOf(row.payload);
    if (orgId) slots.add(`${orgId}:${Math.floor(row.done_at / HOUR_MS)}`);
  }
  let events = 0;
  for (const slot of slots) {
    const orgId = slot.slice(0, slot.lastIndexOf(":"));
    events += await notice(db, now, {
      eventId: `jobs-failed:${slot}`,
      kind: "job_failed",
      organisationId: orgId,
      caseId: null,
      recipients: await organisationStaff(db, orgId, "org_admin"),
    });
  }
  return events;
}

function organisationOf(payload: string): string | undefined {
  try {
    const p = JSON.parse(payload) as { organisationId?: unknown };
    return typeof p.organisationId === "string" ? p.organisationId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The DPO: the audit chain of their organisation failed verification (the instance's chain: every
 * organisation's DPO). Once a day at most; what failed is for `obhut audit verify` and the audit page.
 */
export async function noticeAuditChainFailures(
  db: Kysely<Database>,
  now: number,
  failedChains: readonly string[],
): Promise<number> {
  const day = Math.floor(now / DAY_MS);
  const orgs = new Set<string>();
  for (const chain of failedChains)
    for (const orgId of chain === "instance" ? await allOrganisations(db) : [chain]) orgs.add(orgId);
  let events = 0;
  for (const orgId of orgs)
    events += await notice(db, now, {
      eventId: `audit-chain:${orgId}:${day}`,
      kind: "audit_chain_failed",
      organisationId: orgId,
      caseId: null,
      recipients: await organisationStaff(db, orgId, "dpo"),
    });
  return events;
}

/** Admins: a check of `obhut doctor` failed (the instance's setup: every organisation's admins), once a day. */
export async function noticeConfigProblems(db: Kysely<Database>, now: number, failed: number): Promise<number> {
  if (failed === 0) return 0;
  const day = Math.floor(now / DAY_MS);
  let events = 0;
  for (const orgId of await allOrganisations(db))
    events += await notice(db, now, {
      eventId: `config:${orgId}:${day}`,
      kind: "config_problem",
      organisationId: orgId,
      caseId: null,
      recipients: await organisationStaff(db, orgId, "org_admin"),
    });
  return events;
}
