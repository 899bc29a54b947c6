// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";

/**
 * The staff bell (issue #17, ADR 0038): the same events the other channels
 * notify, kept per recipient for 30 days, read or unread. An entry names a
 * kind and the case to open, never content or names.
 */
export const StaffNotificationKind = z.enum([
  "new_enquiry",
  "new_message",
  "handed_to_me",
  "break_glass",
  /** The DPO: a data-subject request is due in seven days, or overdue (ADR 0041); no case. */
  "dsr_due_soon",
  "dsr_overdue",
  /** Team leads: an enquiry of their team still unassigned after the organisation's limit (ADR 0044). */
  "enquiry_waiting",
  /** Team leads: a client wrote in a case of their team whose counsellor is away (once per absence; ADR 0051). */
  "assignee_absent",
  /** The DPO: a document waits for approval; the audit chain failed verification (ADR 0044). */
  "document_approval",
  "audit_chain_failed",
  /** Admins: a background job failed for good; a check of `obhut doctor` failed (ADR 0044). */
  "job_failed",
  "config_problem",
  /** The DPO: a breach's 72-hour notification deadline is near (24 h, 4 h) or has passed (ADR 0047); no case. */
  "breach_due_soon",
  "breach_overdue",
  /** Any staff member: a training meant for them is due (set up, or its refresh period ended; ADR 0048); no case. */
  "training_due",
]);
export type StaffNotificationKind = z.infer<typeof StaffNotificationKind>;

export const StaffNotificationView = z
  .object({
    id: Id,
    kind: StaffNotificationKind,
    caseId: Id.nullable(),
    createdAt: z.number().int(),
    read: z.boolean(),
  })
  .strict()
  .meta({ id: "StaffNotification" });
export type StaffNotificationView = z.infer<typeof StaffNotificationView>;

export const StaffNotificationsView = z
  .object({ items: z.array(StaffNotificationView), unread: z.number().int() })
  .strict()
  .meta({ id: "StaffNotifications" });
export type StaffNotificationsView = z.infer<typeof StaffNotificationsView>;

/** The bell lists at most this many entries, newest first. */
export const STAFF_NOTIFICATIONS_LIMIT = 50;

export const GetMyNotifications = defineRoute({
  method: "GET",
  path: "/api/account/notifications",
  summary: "Staff: my bell — the newest notifications, read or unread, and the unread count",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: StaffNotificationsView },
});

export const MarkMyNotificationsRead = defineRoute({
  method: "POST",
  path: "/api/account/notifications/read",
  summary: "Staff: mark some of my notifications, or all of them, read",
  tag: "account",
  auth: "session",
  rate: "api",
  body: z.union([z.object({ ids: z.array(Id).min(1).max(100) }).strict(), z.object({ all: z.literal(true) }).strict()]),
  responses: { 200: StaffNotificationsView },
});
