// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { defineRoute } from "../route";

/**
 * A person's own rules for notices (issue #17, ADR 0044): per event kind and
 * channel on or off. Staff see the kinds of their role; a client's only kind
 * ("there is a new answer") is switched by the e-mail and push sections
 * themselves. Every sender asks the same check (modules/notifications/
 * preferences.ts); a channel the organisation switched off is not listed.
 */
export const NoticeChannel = z.enum(["bell", "email", "push"]);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

/** The staff events a person can switch, per role (server and web read the same table). */
export const RuleKind = z.enum([
  "new_enquiry",
  "new_message",
  "handed_to_me",
  "break_glass",
  "enquiry_waiting",
  "assignee_absent",
  "dsr_due_soon",
  "dsr_overdue",
  "document_approval",
  "audit_chain_failed",
  "job_failed",
  "config_problem",
  "breach_due_soon",
  "breach_overdue",
  "training_due",
]);
export type RuleKind = z.infer<typeof RuleKind>;

export const NotificationRule = z.object({ kind: RuleKind, channel: NoticeChannel, on: z.boolean() }).strict();
export type NotificationRule = z.infer<typeof NotificationRule>;

export const NotificationRulesView = z
  .object({
    /** Every kind of the person's role on every channel the organisation offers, defaults filled in. */
    rules: z.array(NotificationRule).max(60),
  })
  .strict()
  .meta({ id: "NotificationRules" });
export type NotificationRulesView = z.infer<typeof NotificationRulesView>;

export const GetMyNotificationRules = defineRoute({
  method: "GET",
  path: "/api/account/notification-rules",
  summary: "Staff: which events reach me on which channel (bell, e-mail, push)",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: NotificationRulesView },
});

export const PutMyNotificationRules = defineRoute({
  method: "PUT",
  path: "/api/account/notification-rules",
  summary: "Staff: switch events on or off per channel (only the rules sent change)",
  tag: "account",
  auth: "session",
  rate: "api",
  body: z.object({ rules: z.array(NotificationRule).min(1).max(60) }).strict(),
  responses: { 200: NotificationRulesView },
});

type StaffRole = "counsellor" | "team_lead" | "dpo" | "org_admin";

/** The events each staff role is told of (a team lead is also a counsellor of the team's cases). */
export const RULE_KINDS_BY_ROLE: Record<StaffRole, readonly RuleKind[]> = {
  counsellor: ["new_enquiry", "new_message", "handed_to_me", "training_due"],
  team_lead: [
    "new_enquiry",
    "new_message",
    "handed_to_me",
    "break_glass",
    "enquiry_waiting",
    "assignee_absent",
    "training_due",
  ],
  dpo: [
    "dsr_due_soon",
    "dsr_overdue",
    "document_approval",
    "audit_chain_failed",
    "breach_due_soon",
    "breach_overdue",
    "training_due",
  ],
  org_admin: ["job_failed", "config_problem", "training_due"],
};

/** The channels each role has at all (push only where a counsellor's device is subscribed: ADR 0038). */
export const RULE_CHANNELS_BY_ROLE: Record<StaffRole, readonly NoticeChannel[]> = {
  counsellor: ["bell", "email", "push"],
  team_lead: ["bell", "email", "push"],
  dpo: ["bell", "email"],
  org_admin: ["bell", "email"],
};

/**
 * Defaults chosen for privacy (ADR 0044): the bell (inside the app, behind the login) and push (a device the
 * person subscribed themselves, showing only "Neue Nachricht in Obhut") are on; an e-mail — a mailbox others may
 * read — is off for everything about cases and on only for the duties of an office (the DPO's deadlines and
 * the audit chain and the breach deadlines, the admin's failed jobs and config problems), and even then only to a confirmed address.
 */
export function defaultRule(kind: RuleKind, channel: NoticeChannel): boolean {
  if (channel !== "email") return true;
  return [
    "dsr_due_soon",
    "dsr_overdue",
    "audit_chain_failed",
    "job_failed",
    "config_problem",
    "breach_due_soon",
    "breach_overdue",
  ].includes(kind);
}
