// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Expression, SqlBool } from "kysely";
import { openTotpSecret, sealTotpSecret, openClientSecret, sealClientSecret } from "../identity";
import {
  accountScope,
  byAccount,
  byAgency,
  byCase,
  byChain,
  byConversation,
  byOrg,
  byRuleScope,
  byTeam,
  finishedAttachments,
  organisationItself,
  type AnyDb,
  type ScopeBuilder as Eb,
} from "./store";

export type { AnyDb } from "./store";

/**
 * What an organisation export contains, table by table, in the order an
 * import inserts it (every row's foreign keys point to rows of earlier
 * tables or earlier rows of the same table). A table added by a new
 * migration must be listed here or in NOT_EXPORTED, with a reason: a test
 * (test/portability/tables.test.ts) reads the live schema and fails
 * otherwise, so no table is forgotten silently.
 *
 * All columns of a table are exported (`select *`), so a column added later
 * travels without a change here; binary columns must be named, because they
 * are written as base64 (the export refuses a binary value in any other column).
 */

/** A column whose value is sealed under an instance secret (mfaKey) and must be re-sealed for the other instance. */
export interface SecretColumn {
  column: string;
  /** Associated data the instance seal is bound to, from the row. */
  open(mfaKey: string, row: Record<string, unknown>, sealed: string): string;
  seal(mfaKey: string, row: Record<string, unknown>, plain: string): string;
}

export interface ExportTable {
  name: string;
  /** Primary key (or another unique key): how an import finds a row that is already there. */
  key: string[];
  /** Unique columns the export pages through and the import inserts in; default `key`. */
  order?: string[];
  /** Which rows belong to the organisation; `org` is its id (the scopes are in store.ts). */
  scope(eb: Eb, org: string, db: AnyDb): Expression<SqlBool>;
  /** Columns holding bytes (BLOB / BYTEA); base64 in the file. */
  binary?: string[];
  secrets?: SecretColumn[];
  /** Columns the target database assigns itself (serial ids); not exported. */
  omit?: string[];
  /**
   * Rows signed with the source instance's audit anchor key: the import
   * checks the signature with the exported public key, then signs the same
   * (chain, seq, hash) again with its own key, so `obhut audit verify` on the
   * target keeps detecting a cut-off tail. Only these columns must match on a rerun.
   */
  resign?: { compare: string[] };
}

export const EXPORT_TABLES: ExportTable[] = [
  { name: "organisations", key: ["id"], scope: organisationItself },
  { name: "accounts", key: ["id"], scope: accountScope },
  { name: "organisation_policies", key: ["organisation_id", "role"], scope: byOrg },
  { name: "messaging_policies", key: ["organisation_id"], scope: byOrg },
  { name: "client_safety_settings", key: ["organisation_id"], scope: byOrg },
  { name: "agencies", key: ["id"], scope: byOrg },
  { name: "topics", key: ["id"], scope: byOrg },
  { name: "agency_topics", key: ["agency_id", "topic_id"], scope: byAgency },
  { name: "teams", key: ["id"], scope: byOrg },
  { name: "team_members", key: ["team_id", "account_id"], scope: byTeam },
  { name: "org_log_entries", key: ["organisation_id", "seq"], scope: byOrg },
  { name: "key_wraps", key: ["id"], scope: byOrg },
  { name: "invitations", key: ["id"], scope: byOrg },
  {
    name: "mfa_totp",
    key: ["account_id"],
    scope: byAccount,
    secrets: [
      {
        column: "secret_enc",
        open: (mfaKey, row, sealed) => openTotpSecret(mfaKey, String(row.account_id), sealed),
        seal: (mfaKey, row, plain) => sealTotpSecret(mfaKey, String(row.account_id), plain),
      },
    ],
  },
  { name: "webauthn_credentials", key: ["id"], scope: byAccount },
  {
    name: "sso_configs",
    key: ["organisation_id"],
    scope: byOrg,
    secrets: [
      {
        column: "client_secret_enc",
        open: (mfaKey, row, sealed) => openClientSecret(mfaKey, String(row.organisation_id), sealed),
        seal: (mfaKey, row, plain) => sealClientSecret(mfaKey, String(row.organisation_id), plain),
      },
    ],
  },
  { name: "sso_identities", key: ["organisation_id", "issuer", "subject"], scope: byOrg },
  { name: "absences", key: ["account_id"], scope: byAccount },
  { name: "channel_preferences", key: ["account_id"], scope: byAccount },
  { name: "notification_settings", key: ["organisation_id"], scope: byOrg },
  { name: "conversations", key: ["id"], scope: byOrg, binary: ["title_envelope"] },
  { name: "conversation_members", key: ["conversation_id", "account_id"], scope: byConversation },
  // A channel's name and audience (ADR 0037); its posts and keys travel with its conversation.
  { name: "broadcast_channels", key: ["conversation_id"], scope: byOrg },
  { name: "conversation_epochs", key: ["conversation_id", "epoch"], scope: byConversation, binary: ["record"] },
  {
    name: "epoch_key_wraps",
    key: ["conversation_id", "epoch", "recipient_account_id"],
    scope: byConversation,
    binary: ["wrap"],
  },
  {
    name: "epoch_team_wraps",
    key: ["conversation_id", "epoch", "role", "ref_id"],
    scope: byConversation,
    binary: ["wrap"],
  },
  { name: "messages", key: ["conversation_id", "seq"], scope: byConversation, binary: ["envelope"] },
  // Finished uploads only; their bytes follow as blob lines (see EXPORT_FORMAT.md).
  { name: "attachments", key: ["id"], scope: finishedAttachments },
  // Ids of deleted attachments only, so downloads on the target still answer "attachment deleted".
  { name: "attachment_deletions", key: ["attachment_id"], scope: byConversation },
  { name: "cases", key: ["id"], scope: byOrg },
  { name: "case_events", key: ["id"], scope: byCase },
  { name: "legal_holds", key: ["id"], scope: byOrg },
  { name: "retention_rules", key: ["scope", "data_class"], scope: byRuleScope },
  { name: "attachment_policies", key: ["organisation_id"], scope: byOrg },
  { name: "client_device_policies", key: ["organisation_id"], scope: byOrg },
  { name: "org_documents", key: ["id"], scope: byOrg },
  { name: "document_acceptances", key: ["id"], scope: byOrg },
  // A withdrawal references its grant: grants first ("grant" < "withdrawal").
  { name: "consent_records", key: ["id"], order: ["kind", "id"], scope: byOrg },
  { name: "forwarding_decisions", key: ["id"], scope: byOrg },
  { name: "break_glass_grants", key: ["id"], scope: byOrg },
  { name: "archive_access_requests", key: ["id"], scope: byOrg },
  // Sealed in the browser under the team key; the target's team members open them as before.
  { name: "canned_replies", key: ["id"], scope: byOrg },
  { name: "processing_records", key: ["id"], scope: byOrg },
  { name: "statistics_settings", key: ["organisation_id"], scope: byOrg },
  // Voluntary client details (ADR 0050): the questions asked, and each client's answers there (its clients travel).
  { name: "client_detail_questions", key: ["organisation_id"], scope: byOrg },
  { name: "client_details", key: ["organisation_id", "account_id"], scope: byOrg },
  // The breach register (ADR 0047) is the organisation's accountability record (Art. 33(5)): it travels.
  { name: "breaches", key: ["id"], scope: byOrg },
  // The processor register (ADR 0049) with its archived entries: the organisation's Art. 28 record, it travels.
  { name: "processors", key: ["id"], scope: byOrg },
  { name: "processor_register_seeds", key: ["organisation_id"], scope: byOrg },
  // Training records (ADR 0048) show the organisation's staff were trained (Art. 39(1)(b)): they travel.
  { name: "trainings", key: ["id"], scope: byOrg },
  { name: "training_confirmations", key: ["id"], scope: byOrg },
  // Appointments (ADR 0052): a counsellor's published slots and days off and the booked times travel with the cases.
  { name: "appointment_slots", key: ["id"], scope: byOrg },
  { name: "appointment_days_off", key: ["counsellor_id", "day"], scope: byOrg },
  { name: "appointments", key: ["id"], scope: byOrg },
  // Data-subject requests and Art. 18 restrictions travel with the organisation: deadlines and
  // restrictions must keep applying on the target.
  { name: "dsr_requests", key: ["id"], scope: byOrg },
  { name: "dsr_restrictions", key: ["id"], scope: byOrg },
  // The organisation's hash chain, in chain order; the target assigns its own row ids.
  { name: "audit_events", key: ["chain", "seq"], scope: byChain, omit: ["id"] },
  { name: "audit_heads", key: ["chain"], scope: byChain },
  { name: "audit_prunes", key: ["chain"], scope: byChain, resign: { compare: ["chain", "seq", "hash"] } },
  { name: "audit_anchors", key: ["chain", "seq"], scope: byChain, resign: { compare: ["chain", "seq", "hash"] } },
];

/** Tables that are deliberately not part of an organisation export, and why. */
export const NOT_EXPORTED: Record<string, string> = {
  obhut_migrations: "migration bookkeeping of the source database; the header lists the applied migrations instead",
  obhut_migrations_lock: "migration lock of the source database",
  instance_settings:
    "settings of the source instance (setup state, secrets fingerprint); the import marks the target as set up",
  sessions: "logins are bound to the source instance; users log in again on the target",
  login_states: "OPAQUE login in progress, valid for minutes",
  case_rebind_codes: "one-time codes of client accounts (not of the organisation), valid for a day",
  device_keys:
    "remembered browsers of the source instance; staff opt in again after logging in on the target, clients choose their own device again at login",
  recovery_states: "recovery challenge in progress, valid for minutes",
  mfa_challenges: "WebAuthn challenge in progress, valid for minutes",
  sso_states: "OpenID Connect authorization request in progress, single use",
  sso_logins: "half-finished SSO login of a session, which is not exported either",
  auth_failures: "rate-limit counters of the source instance",
  account_resets: "single-use reset links for the source instance's address; the admin issues a new one",
  job_runs: "scheduler history of the source instance",
  job_queue: "queued background work of the source instance",
  notify_addresses:
    "a person's own address for e-mail notices, sealed under the source instance's key and never the organisation's to hand on; people enter and confirm it again on the target; only its owner sees it, on their account page",
  notification_deliveries: "which notices the source instance sent (idempotency and rate limit), kept for days",
  push_subscriptions:
    "browsers' push subscriptions, tied to the source instance's VAPID key and to kept devices that are not exported either; people subscribe again on the target",
  staff_notifications:
    "a staff member's bell on the source instance: pointers to events that are themselves in the export (cases, their events), deleted after 30 days",
  quiet_hours:
    "a person's own quiet hours (ADR 0041), their setting rather than the organisation's record; set again on the target",
  notification_rules:
    "a person's own switches for notices per event and channel (ADR 0044), their setting rather than the organisation's record; set again on the target",
  breach_reminders:
    "which breach-deadline reminders the source instance sent (ADR 0047); on the target an open breach's due reminder is sent once more",
  training_reminders:
    "which 'training due' notices the source instance sent (ADR 0048); on the target a due training is announced once more",
  calendar_feeds:
    "a staff member's secret calendar-feed address (ADR 0052), a credential of the source instance; they make a new one on the target",
  notification_deferred:
    "notices the source instance held back for a digest, gone within a day; nothing to send on another instance",
  blobs:
    "storage table of the PostgreSQL blob store; attachment bytes are exported through the blob store as blob lines, whatever the store",
  attachment_chunks: "unfinished uploads (their attachments are not exported; the sender uploads again)",
  pending_blob_deletions: "blobs the source already deleted from its store; nothing to carry over",
};

export function exportTable(name: string): ExportTable | undefined {
  return EXPORT_TABLES.find((t) => t.name === name);
}
