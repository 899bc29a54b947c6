// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Role } from "./roles";

/**
 * How a resource relates to the actor for an action to be possible at all:
 * - `own`: the resource belongs to the actor (their sessions, their second factor);
 * - `organisation`: the resource is in the actor's organisation;
 * - `team`: the resource is a team of the actor's organisation (team_lead = leads that team);
 * - `instance`: instance-wide, no organisation.
 * - `case`: a counselling case: its client, or staff who are members of the
 *   case's team (team_lead = leads that team). Nobody else sees it exists.
 * A resource outside the scope is reported as not found, never as forbidden,
 * so that ids of other organisations or other people are not confirmed.
 */
export type Scope = "own" | "organisation" | "team" | "instance" | "case";

export interface Permission {
  readonly roles: readonly Role[];
  readonly scope: Scope;
  /** The actor may not act on their own account (another admin has to). */
  readonly notSelf?: true;
  /** The actor may not act on a document whose draft they wrote (four eyes). */
  readonly notAuthor?: true;
  /** Case scope: a counsellor may do it only as the case's assignee; the team lead always. */
  readonly assigneeOrLead?: true;
  /** Team scope: a counsellor may do it only for a team they are a member of. */
  readonly membersOnly?: true;
  /**
   * Organisation scope: `team_lead` counts for a counsellor who leads some team of the organisation (the service
   * passes `actorLeadsTeam` on the resource); elsewhere a team lead is a counsellor outside their team.
   */
  readonly anyTeamLead?: true;
  /**
   * Case scope: on a case assigned to someone else, a counsellor needs an
   * active break-glass grant (reason, audited, shown to the team lead); the
   * assignee and the team's leads do not. Unassigned enquiries stay open to the team.
   */
  readonly breakGlass?: true;
  readonly summary: string;
}

const STAFF: readonly Role[] = ["counsellor", "team_lead", "org_admin", "dpo", "report_office"];
const EVERYONE: readonly Role[] = ["client", ...STAFF, "operator"];
/** Who works cases: counsellors who are members of the case team (and its leads). */
const CASE_STAFF: readonly Role[] = ["counsellor", "team_lead"];

/**
 * THE permission table. Every authorisation decision of the routes in
 * admin, invitations, mfa, sessions, organisations and cases goes through
 * `authorize()` with one of these actions; docs/ROLES.md is generated from
 * this constant and a test keeps them equal.
 */
export const PERMISSIONS = {
  "organisation.create": { roles: ["operator"], scope: "instance", summary: "Create an organisation (CLI)" },
  "organisation.read": { roles: STAFF, scope: "organisation", summary: "See the organisation's name and root key" },
  "organisation.policy.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See session timeouts and second-factor rules",
  },
  "organisation.policy.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Change session timeouts and second-factor rules",
  },
  "organisation.messaging_policy.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See whether receipts, typing notices and presence are shared (per conversation kind; staff, clients)",
  },
  "organisation.messaging_policy.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Change whether receipts, typing notices and presence are shared",
  },
  "organisation.client_safety.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See where quick exit leads on the organisation's client pages",
  },
  "organisation.client_safety.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Change where quick exit leads on the organisation's client pages",
  },
  "invitation.create": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Invite a staff member (role, optional team)",
  },
  "invitation.list": { roles: ["org_admin"], scope: "organisation", summary: "List invitations" },
  "invitation.revoke": { roles: ["org_admin"], scope: "organisation", summary: "Revoke an unused invitation" },
  "account.list": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "List the organisation's staff accounts",
  },
  "account.deactivate": {
    roles: ["org_admin"],
    scope: "organisation",
    notSelf: true,
    summary: "Deactivate a staff member (ends sessions, leaves teams)",
  },
  "account.role.change": {
    roles: ["org_admin"],
    scope: "organisation",
    notSelf: true,
    summary: "Change a staff member's role (not the last confirmed administrator's)",
  },
  "account.sessions.revoke": {
    roles: ["org_admin"],
    scope: "organisation",
    notSelf: true,
    summary: "End all sessions of a staff member",
  },
  "account.mfa.reset": {
    roles: ["org_admin"],
    scope: "organisation",
    notSelf: true,
    summary: "Remove a staff member's second factor (they enrol again at the next login)",
  },
  "epoch_rotation.read": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "See how many conversations still owe a new epoch, and which case conversations of my teams I could renew",
  },
  "agency.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See the organisation's agencies and topics with all settings",
  },
  "agency.manage": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Create and edit agencies and topics",
  },
  "team.create": { roles: ["org_admin"], scope: "organisation", summary: "Create a team (agency, intake flag)" },
  "team.members.manage": {
    roles: ["org_admin"],
    scope: "team",
    summary: "Add members to a team or remove them (the admin's browser signs the org log and wraps team keys)",
  },
  "team.list": {
    roles: STAFF,
    scope: "organisation",
    summary: "List the organisation's teams (name, agency, intake; e.g. to hand a case to another team)",
  },
  "staff.directory.read": {
    roles: STAFF,
    scope: "organisation",
    summary: "List the organisation's active staff by display name, role and teams (e.g. to start a chat)",
  },
  "team.members.read": {
    roles: ["org_admin", "team_lead", "counsellor"],
    scope: "team",
    membersOnly: true,
    summary: "List the members of a team (e.g. to hand a case to a colleague)",
  },
  "canned_reply.read": {
    roles: ["team_lead", "counsellor"],
    scope: "team",
    membersOnly: true,
    summary: "Read the team's canned replies (sealed; opened in the browser with the team key)",
  },
  "canned_reply.manage": {
    roles: ["team_lead"],
    scope: "team",
    summary: "Create, change and delete the team's canned replies",
  },
  "channel.create": {
    roles: ["org_admin", "team_lead"],
    scope: "organisation",
    anyTeamLead: true,
    summary:
      "Create a broadcast channel (Kanal) for staff or for the organisation's clients; the creator and the colleagues named own it (post)",
  },
  "chat.members": {
    roles: ["org_admin", "team_lead"],
    scope: "organisation",
    anyTeamLead: true,
    summary:
      "Add colleagues to a team chat one is a member of, or remove them, besides its creator (the adder's browser wraps the chat's key to them; ADR 0040)",
  },
  "organisation.attention.read": {
    roles: ["org_admin"],
    scope: "organisation",
    summary:
      "See on the console overview how many documents wait for approval, data-subject requests are overdue and background jobs failed (counts only)",
  },
  "channel.read": {
    roles: STAFF,
    scope: "organisation",
    summary: "List the organisation's channels and subscribe to one or unsubscribe (owners post, subscribers read)",
  },
  "channel.client": {
    roles: ["client"],
    scope: "instance",
    summary:
      "See the client-facing channels of organisations one has a case with, subscribe and unsubscribe (read only; subscribers never see each other)",
  },
  "attachment_policy.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See the attachment size cap and allowed file types",
  },
  "attachment_policy.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Change the attachment size cap and allowed file types",
  },
  "retention.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See the retention rules (start event and period per data class) and active legal holds",
  },
  "retention.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Change retention periods within their bounds",
  },
  "legal_hold.manage": {
    roles: ["team_lead", "org_admin", "dpo"],
    scope: "team",
    summary: "Put a case of the team on legal hold with a reason, or release it",
  },
  "session.list": { roles: EVERYONE, scope: "own", summary: "List one's own sessions" },
  "session.revoke": { roles: EVERYONE, scope: "own", summary: "End one's own sessions" },
  "mfa.manage": { roles: [...STAFF, "operator"], scope: "own", summary: "Enrol and use one's own second factor" },
  "sso.config.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See the organisation's single sign-on settings (never the client secret)",
  },
  "sso.config.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Set or remove single sign-on (identity provider, group → role mapping)",
  },
  "sso.link": { roles: STAFF, scope: "own", summary: "Link one's own account to the organisation's identity provider" },
  "case.open": { roles: ["client"], scope: "instance", summary: "Open a case at an agency with a first message" },
  "case.read": {
    roles: ["client", ...CASE_STAFF],
    scope: "case",
    breakGlass: true,
    summary: "See a case, its timeline and conversation (client: own cases; staff: cases of their teams)",
  },
  "case.accept": { roles: CASE_STAFF, scope: "case", summary: "Take a new enquiry of one's team" },
  "case.assign": { roles: ["team_lead"], scope: "case", summary: "Assign a case of the team to a team member" },
  "case.handover": {
    roles: CASE_STAFF,
    scope: "case",
    assigneeOrLead: true,
    summary: "Hand a case to a colleague or another team of the organisation",
  },
  "case.close": { roles: CASE_STAFF, scope: "case", assigneeOrLead: true, summary: "Close a case" },
  "case.rebind": {
    roles: CASE_STAFF,
    scope: "case",
    assigneeOrLead: true,
    summary: "Re-bind a case to the client's new account after out-of-band verification (code and fingerprint)",
  },
  "case.archive": { roles: CASE_STAFF, scope: "case", assigneeOrLead: true, summary: "Archive a closed case" },
  "case.attachment.delete": {
    roles: CASE_STAFF,
    scope: "case",
    assigneeOrLead: true,
    summary: "Delete an attachment someone else (e.g. the client) sent in the case conversation (audited)",
  },
  "case.notes": {
    roles: CASE_STAFF,
    scope: "case",
    breakGlass: true,
    summary: "Open and write a case's internal notes",
  },
  "case.keys.read": {
    roles: CASE_STAFF,
    scope: "case",
    breakGlass: true,
    summary: "Read the case's epoch keys wrapped to team keys",
  },
  "case.export": {
    roles: CASE_STAFF,
    scope: "case",
    breakGlass: true,
    summary: "Record a case-file export in the audit log",
  },
  "case.break_glass": {
    roles: CASE_STAFF,
    scope: "case",
    summary: "Open a colleague's assigned case for an hour with a stated reason (audited, shown to the team lead)",
  },
  "break_glass.read": {
    roles: ["counsellor", "team_lead", "org_admin", "dpo"],
    scope: "organisation",
    summary: "See break-glass accesses (a counsellor: to cases of teams they lead; admins and DPO: all)",
  },
  "archive_access.request": {
    roles: ["org_admin"],
    scope: "organisation",
    summary:
      "Ask to read a case with the organisation's archive key, with a reason; readable only after a DPO approves, for an hour (ADR 0032)",
  },
  "archive_access.decide": {
    roles: ["dpo"],
    scope: "organisation",
    summary: "Approve or refuse an admin's archive-access request (never one's own; audited, shown to the team lead)",
  },
  "archive_access.read": {
    roles: ["counsellor", "team_lead", "org_admin", "dpo"],
    scope: "organisation",
    summary: "See archive-access requests (a counsellor: to cases of teams they lead; admins and DPO: all)",
  },
  "audit.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "Read the organisation's audit log and its chain status (read-only; no content, no IP addresses)",
  },
  "audit.export": {
    roles: ["dpo"],
    scope: "organisation",
    summary: "Export a filtered range of the audit log as JSON lines (audited)",
  },
  "processing_record.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary:
      "See the record of processing activities (Art. 30) and the measures, generated from the live configuration",
  },
  "processing_record.store": {
    roles: ["dpo"],
    scope: "organisation",
    summary: "Store the record of processing activities as a new hashed version (audited)",
  },
  "breach.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See the breach register (Art. 33/34) with its 72-hour clocks and notification drafts (ADR 0047)",
  },
  "breach.write": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "Record a breach, assess it and record when the authority and the persons affected were told (audited)",
  },
  "training.manage": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary:
      "Set up trainings (content, refresh interval, audience) and see who is confirmed, due or overdue (audited; ADR 0048)",
  },
  "training.confirm": {
    roles: STAFF,
    scope: "organisation",
    summary: "See the trainings meant for oneself and confirm one's own participation with its day (audited)",
  },
  "processor.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary:
      "See the processor register (Art. 28): contracts, locations, safeguards, sub-processors, reviews (ADR 0049)",
  },
  "processor.write": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Add, change and archive processors of the register; the DPO reads and advises (audited, ADR 0049)",
  },
  "statistics.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary:
      "See statistics for funders (counts and times from metadata, small cells suppressed, no pseudonyms) and export them",
  },
  "statistics.settings": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Set the minimum cell size k of the statistics (never below 5; audited)",
  },
  "absence.manage": { roles: STAFF, scope: "own", summary: "Read and set one's own absence notice" },
  "display_name.manage": {
    roles: STAFF,
    scope: "own",
    summary: "Read and set one's own display name (what clients see; never the login name)",
  },
  "document.manage": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "List, draft and edit the privacy notice and communication guideline",
  },
  "document.approve": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    notAuthor: true,
    summary: "Approve a document draft (management role other than the draft's author)",
  },
  "document.publish": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "Publish an approved draft as the next version",
  },
  "document.accept": {
    roles: ["client"],
    scope: "instance",
    summary: "Accept an organisation's published privacy notice or guideline (sign-up)",
  },
  "guideline.confirm": {
    roles: STAFF,
    scope: "organisation",
    summary: "Confirm reading the organisation's current communication guideline",
  },
  "guideline.report": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "List staff who have not confirmed the current guideline",
  },
  "consent.manage": {
    roles: ["counsellor", "team_lead", "org_admin", "dpo"],
    scope: "organisation",
    summary: "Record, withdraw and read consents (counsellors: of clients in their teams' cases)",
  },
  "consent.own": {
    roles: ["client"],
    scope: "own",
    summary: "Give, withdraw and read one's own consents (online)",
  },
  "channels.own": { roles: ["client"], scope: "own", summary: "Read and set how one may be contacted" },
  "notify_email.own": {
    roles: ["client", "counsellor", "team_lead", "dpo", "org_admin"],
    scope: "own",
    summary: "Enter, confirm and delete one's own address for content-free e-mail notices (ADR 0034)",
  },
  "push.own": {
    roles: ["client", "counsellor", "team_lead"],
    scope: "own",
    summary:
      "Subscribe one's own kept device to content-free push notices, list and remove one's subscriptions (ADR 0038)",
  },
  "staff_notifications.own": {
    roles: ["counsellor", "team_lead", "dpo", "org_admin"],
    scope: "own",
    summary:
      "Read one's own notification bell and mark entries read (ADR 0038; the DPO's deadlines, ADR 0041; admins' failed jobs and config problems, ADR 0044)",
  },
  "quiet_hours.own": {
    roles: ["client", "counsellor", "team_lead", "dpo"],
    scope: "own",
    summary: "Set and read one's own quiet hours; notices then wait for one digest (ADR 0041)",
  },
  "notification_rules.own": {
    roles: ["counsellor", "team_lead", "dpo", "org_admin"],
    scope: "own",
    summary: "Switch one's own notices on or off per event and channel: bell, e-mail, push (ADR 0044)",
  },
  "notifications.dead_letters": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "See the organisation's notices that failed for good (content-free reason) and retry them (ADR 0041)",
  },
  "organisation.notification_settings.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See the neutral sender name of notices",
  },
  "organisation.notification_settings.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Change the neutral sender name of notices",
  },
  "channels.read": {
    roles: ["counsellor", "team_lead", "org_admin", "dpo"],
    scope: "organisation",
    summary: "See how a client may be contacted (counsellors: clients in their teams' cases)",
  },
  "forwarding.check": {
    roles: ["counsellor", "team_lead", "org_admin", "dpo"],
    scope: "organisation",
    summary: "Ask the forwarding gate before case data leaves Obhut (counsellors: their teams' cases)",
  },
  "dsr.manage": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary:
      "Register data-subject requests received elsewhere, extend their deadline with a reason, close them; see the list and report",
  },
  "restriction.manage": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "Restrict processing of a client's data or a case (Art. 18) with a reason, list and lift restrictions",
  },
  "appointment.availability": {
    roles: CASE_STAFF,
    scope: "own",
    summary:
      "Publish one's weekly appointment slots and days off, see one's upcoming appointments, keep one's ICS feed (ADR 0052)",
  },
  "appointment.book": {
    roles: ["client", ...CASE_STAFF],
    scope: "case",
    breakGlass: true,
    summary:
      "See a case's free slots, book and cancel its appointments (client: own cases; staff: cases of their teams)",
  },
  "dsr.own": {
    roles: ["client"],
    scope: "own",
    summary: "Download all one's own data, see restrictions on it, delete one's own account (password required)",
  },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];
