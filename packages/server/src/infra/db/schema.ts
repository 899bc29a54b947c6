// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Generated } from "kysely";

/**
 * Table types shared by both dialects. Timestamps are Unix epoch milliseconds
 * (bigint columns, parsed to number) because SQLite has no timestamp type and
 * one representation keeps services dialect-free. Binary columns are
 * `Uint8Array` (BLOB in SQLite, BYTEA in PostgreSQL).
 */
export interface Database {
  audit_heads: AuditHeadsTable;
  audit_anchors: AuditAnchorsTable;
  instance_settings: InstanceSettingsTable;
  organisations: OrganisationsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  blobs: BlobsTable;
  attachments: AttachmentsTable;
  attachment_chunks: AttachmentChunksTable;
  attachment_policies: AttachmentPoliciesTable;
  attachment_deletions: AttachmentDeletionsTable;
  job_runs: JobRunsTable;
  job_queue: JobQueueTable;
  login_states: LoginStatesTable;
  auth_failures: AuthFailuresTable;
  agencies: AgenciesTable;
  topics: TopicsTable;
  agency_topics: AgencyTopicsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  org_log_entries: OrgLogEntriesTable;
  key_wraps: KeyWrapsTable;
  recovery_states: RecoveryStatesTable;
  account_resets: AccountResetsTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
  conversation_epochs: ConversationEpochsTable;
  epoch_key_wraps: EpochKeyWrapsTable;
  invitations: InvitationsTable;
  organisation_policies: OrganisationPoliciesTable;
  messaging_policies: MessagingPoliciesTable;
  client_safety_settings: ClientSafetySettingsTable;
  mfa_totp: MfaTotpTable;
  webauthn_credentials: WebauthnCredentialsTable;
  mfa_challenges: MfaChallengesTable;
  sso_configs: SsoConfigsTable;
  sso_identities: SsoIdentitiesTable;
  sso_states: SsoStatesTable;
  sso_logins: SsoLoginsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  epoch_team_wraps: EpochTeamWrapsTable;
  absences: AbsencesTable;
  retention_rules: RetentionRulesTable;
  legal_holds: LegalHoldsTable;
  pending_blob_deletions: PendingBlobDeletionsTable;
  audit_prunes: AuditPrunesTable;
  org_documents: OrgDocumentsTable;
  document_acceptances: DocumentAcceptancesTable;
  consent_records: ConsentRecordsTable;
  channel_preferences: ChannelPreferencesTable;
  forwarding_decisions: ForwardingDecisionsTable;
  dsr_requests: DsrRequestsTable;
  dsr_restrictions: DsrRestrictionsTable;
  break_glass_grants: BreakGlassGrantsTable;
  archive_access_requests: ArchiveAccessRequestsTable;
  case_rebind_codes: CaseRebindCodesTable;
  device_keys: DeviceKeysTable;
  client_device_policies: ClientDevicePoliciesTable;
  processing_records: ProcessingRecordsTable;
  canned_replies: CannedRepliesTable;
  notify_addresses: NotifyAddressesTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_settings: NotificationSettingsTable;
  push_subscriptions: PushSubscriptionsTable;
  staff_notifications: StaffNotificationsTable;
  quiet_hours: QuietHoursTable;
  notification_rules: NotificationRulesTable;
  statistics_settings: StatisticsSettingsTable;
  client_detail_questions: ClientDetailQuestionsTable;
  client_details: ClientDetailsTable;
  breaches: BreachesTable;
  breach_reminders: BreachRemindersTable;
  processors: ProcessorsTable;
  processor_register_seeds: ProcessorRegisterSeedsTable;
  trainings: TrainingsTable;
  training_confirmations: TrainingConfirmationsTable;
  training_reminders: TrainingRemindersTable;
  appointment_slots: AppointmentSlotsTable;
  appointment_days_off: AppointmentDaysOffTable;
  appointments: AppointmentsTable;
  calendar_feeds: CalendarFeedsTable;
  notification_deferred: NotificationDeferredTable;
  broadcast_channels: BroadcastChannelsTable;
}

export interface InstanceSettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  /** Ed25519 public key of the organisation root (base64url); null until set up. */
  root_public_key: string | null;
  created_at: number;
}

export interface AccountsTable {
  id: string;
  organisation_id: string | null;
  /** Lower-cased login name; a pseudonym for clients. */
  username: string;
  kind: "client" | "staff";
  role: string;
  opaque_record: string;
  /** JSON key bundle (public keys, encrypted private keys, master-key wraps). */
  key_bundle: string;
  created_at: number;
  disabled_at: number | null;
  /** Name shown to others (migration 0009); null shows the username. */
  display_name?: string | null;
  /** A client's chosen form of address (migration 0021); null: as the agency chose. */
  address_form?: "formal" | "informal" | null;
  /** Last successful login (migration 0010): the start event of the inactive-account retention rule. */
  last_login_at?: number | null;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
  /** 1 while a staff session still owes its second factor (migration 0007). */
  mfa_pending: Generated<number>;
  /** 1 while an SSO session still owes the key password (migration 0012, ADR 0014). */
  password_pending: Generated<number>;
  /** This session's idle limit when not its role's: a client's kept device (migration 0020, ADR 0027). */
  idle_ms: number | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  organisation_id: string | null;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON, never content and never IP addresses. */
  data: string;
  created_at: number;
  /** Hash chain (migration 0006): organisation id or "instance". */
  chain: string | null;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** An encrypted attachment (migration 0008); its bytes are the blob with the same id once completed. */
export interface AttachmentsTable {
  id: string;
  conversation_id: string;
  uploader_id: string;
  /** Ciphertext bytes, declared at the start of the upload. */
  size: number;
  chunk_size: number;
  chunk_count: number;
  created_at: number;
  completed_at: number | null;
}

/** A received upload chunk; its bytes are the blob `<attachment id>-c<index>` until completion. */
export interface AttachmentChunksTable {
  attachment_id: string;
  idx: number;
  size: number;
  created_at: number;
}

export interface BlobsTable {
  id: string;
  chunk: number;
  data: Uint8Array;
  created_at: number;
}

export interface JobRunsTable {
  job: string;
  /** The schedule slot (e.g. "2026-11-22T03") this run claims. */
  slot: string;
  node_id: string;
  started_at: number;
  finished_at: number | null;
  status: "running" | "succeeded" | "failed";
  result: string | null;
}

export interface JobQueueTable {
  id: string;
  job: string;
  payload: string;
  run_at: number;
  attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  done_at: number | null;
  last_error: string | null;
  created_at: number;
}

export interface LoginStatesTable {
  id: string;
  account_id: string | null;
  username_key: string;
  server_login_state: string;
  expires_at: number;
}

export interface AuthFailuresTable {
  key: string;
  window_start: number;
  count: number;
}

export interface AgenciesTable {
  id: string;
  organisation_id: string;
  name: string;
  address: string | null;
  /** JSON array of postcode prefixes served, e.g. ["10", "12043"]. */
  postcodes: string;
  /** JSON array of BCP 47 language tags. */
  languages: string;
  opening_hours: string | null;
  online_anywhere: number;
  created_at: number;
  /** Shown to clients after their first message (migration 0009); organisational plaintext. */
  greeting?: string | null;
  /** The greeting for cases on an informal ("du") topic (migration 0022); null: `greeting` for both. */
  greeting_informal?: string | null;
}

export interface TopicsTable {
  id: string;
  organisation_id: string;
  slug: string;
  name: string;
  address_form: "formal" | "informal";
  created_at: number;
}

export interface AgencyTopicsTable {
  agency_id: string;
  topic_id: string;
}

export interface TeamsTable {
  id: string;
  organisation_id: string;
  agency_id: string | null;
  name: string;
  is_intake: number;
  created_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  account_id: string;
  role: "member" | "lead";
  added_at: number;
}

export type ConversationKind = "case" | "team" | "direct" | "broadcast" | "notes";
export type MemberRole = "member" | "owner" | "subscriber" | "team";

export interface ConversationsTable {
  id: string;
  organisation_id: string | null;
  kind: ConversationKind;
  created_by: string;
  created_at: number;
  /** The seq the next message gets; allocated under a row lock (see ADR 0007). */
  next_seq: Generated<number>;
  /** The newest epoch (0: none yet); sends sealed under another one are refused (migration 0024, ADR 0029). */
  current_epoch: Generated<number>;
  /** Seq of the first message of the current epoch: next_seq − this = its messages so far. */
  epoch_started_seq: Generated<number>;
  epoch_started_at: number | null;
  /** Set while a new epoch is owed because someone who could read the conversation left it; null: nothing owed. */
  rotation_owed_since: number | null;
  rotation_owed_reason: RotationReason | null;
  /** The team and archive key generations the owed epoch must be filed under at least (null: any). */
  rotation_team_generation: number | null;
  rotation_archive_generation: number | null;
  /** A team chat's title, sealed by its creator's browser like a message; null: none (migration 0026, ADR 0033). */
  title_envelope: Uint8Array | null;
}

/** Why a conversation owes a new epoch (who could read it and no longer may). */
export type RotationReason = "member_left" | "handover" | "rebind" | "admin_removed";

export interface ConversationMembersTable {
  conversation_id: string;
  account_id: string;
  role: MemberRole;
  joined_at: number;
  left_at: number | null;
  read_seq: Generated<number>;
  delivered_seq: Generated<number>;
}

export interface MessagesTable {
  conversation_id: string;
  seq: number;
  id: string;
  sender_id: string;
  client_msg_id: string;
  /** Sealed envelope (ciphertext); never interpreted by the server. */
  envelope: Uint8Array;
  size: number;
  kind: "message" | "edit" | "delete";
  replaces_id: string | null;
  created_at: number;
}

export interface ConversationEpochsTable {
  conversation_id: string;
  epoch: number;
  /** Signed epoch record; clients verify it with @obhut/crypto. */
  record: Uint8Array;
  created_by: string;
  created_at: number;
}

export interface EpochKeyWrapsTable {
  conversation_id: string;
  epoch: number;
  recipient_account_id: string;
  /** HPKE-wrapped epoch key for one participant. */
  wrap: Uint8Array;
  created_at: number;
}

export interface OrgLogEntriesTable {
  organisation_id: string;
  seq: number;
  /** base64url SHA-256 of the entry. */
  hash: string;
  /** base64url wire encoding of the signed entry. */
  entry: string;
  created_at: number;
}

export interface KeyWrapsTable {
  id: string;
  organisation_id: string;
  /** null for team-previous (wrapped to the next team key generation, not to an account). */
  recipient_account_id: string | null;
  kind: "org-root" | "archive" | "team" | "team-previous";
  ref_id: string;
  generation: number;
  /** base64url HPKE key wrap. */
  blob: string;
  slot: string;
  created_by: string;
  created_at: number;
}

export interface RecoveryStatesTable {
  id: string;
  account_id: string | null;
  username_key: string;
  /** base64url, 32 random bytes. */
  challenge: string;
  expires_at: number;
}

export interface AccountResetsTable {
  id: string;
  organisation_id: string;
  account_id: string;
  token_hash: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface AuditHeadsTable {
  chain: string;
  seq: number;
  hash: string;
}

export interface AuditAnchorsTable {
  chain: string;
  seq: number;
  hash: string;
  signature: string;
  public_key: string;
  created_at: number;
}

export interface InvitationsTable {
  id: string;
  organisation_id: string;
  role: string;
  team_id: string | null;
  /** SHA-256 of the single-use link token; the token itself is never stored. */
  token_hash: string;
  /** null when issued by the operator CLI. */
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
  revoked_at: number | null;
}

export interface OrganisationPoliciesTable {
  organisation_id: string;
  role: string;
  idle_ms: number;
  absolute_ms: number;
  mfa_required: number;
  updated_by: string | null;
  updated_at: number;
}

/**
 * Receipts, typing and presence rules of one organisation (migration 0017);
 * flags are 0/1. No row = the defaults in modules/messaging/messaging-policy.ts.
 */
export interface MessagingPoliciesTable {
  organisation_id: string;
  direct_receipts: number;
  direct_typing: number;
  team_receipts: number;
  team_typing: number;
  case_receipts: number;
  case_typing: number;
  broadcast_receipts: number;
  broadcast_typing: number;
  notes_receipts: number;
  notes_typing: number;
  presence_staff: number;
  presence_clients: number;
  /** One epoch serves at most this many messages and days (migration 0024; defaults 1000 and 30). */
  epoch_max_messages: Generated<number>;
  epoch_max_days: Generated<number>;
  updated_by: string | null;
  updated_at: number;
}

/** Where quick exit leads on the organisation's client pages (migration 0019); null = the default. */
export interface ClientSafetySettingsTable {
  organisation_id: string;
  quick_exit_url: string | null;
  updated_by: string | null;
  updated_at: number;
}

/** One OpenID Connect provider per organisation (migration 0012). */
export interface SsoConfigsTable {
  organisation_id: string;
  issuer: string;
  client_id: string;
  /** AES-256-GCM under the instance mfaKey, bound to the organisation id. */
  client_secret_enc: string | null;
  scopes: string;
  groups_claim: string;
  /** JSON [{ group, role }], first match wins. */
  role_mapping: string;
  required: number;
  updated_by: string | null;
  updated_at: number;
}

/** (organisation, issuer, subject) → staff account; created by a linking round trip only (migration 0012). */
export interface SsoIdentitiesTable {
  organisation_id: string;
  issuer: string;
  subject: string;
  account_id: string;
  created_at: number;
  last_login_at: number | null;
}

/** A pending authorization request; single use (migration 0012). */
export interface SsoStatesTable {
  /** SHA-256 of the state value. */
  id: string;
  organisation_id: string;
  purpose: "login" | "link";
  nonce: string;
  code_verifier: string;
  browser_hash: string | null;
  session_id: string | null;
  account_id: string | null;
  expires_at: number;
}

/** What a password-pending SSO session becomes once the key password is proven (migration 0012). */
export interface SsoLoginsTable {
  session_id: string;
  account_id: string;
  mapped_role: string | null;
  expires_at: number;
}

export interface MfaTotpTable {
  account_id: string;
  /** base64url AES-256-GCM (nonce | ciphertext | tag) under the instance mfaKey. */
  secret_enc: string;
  confirmed_at: number | null;
  last_time_step: number | null;
  created_at: number;
}

export interface WebauthnCredentialsTable {
  /** Credential id, base64url. */
  id: string;
  account_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of transports reported at registration. */
  transports: string;
  created_at: number;
  last_used_at: number | null;
}

export interface MfaChallengesTable {
  id: string;
  session_id: string;
  kind: "webauthn-register" | "webauthn-authenticate";
  challenge: string;
  expires_at: number;
}

export type CaseState = "new" | "active" | "closed" | "archived";

/** A counselling case (migration 0009): its conversation plus state, team and assignee. */
export interface CasesTable {
  id: string;
  organisation_id: string;
  conversation_id: string;
  notes_conversation_id: string | null;
  agency_id: string;
  topic_id: string;
  team_id: string;
  client_id: string;
  assignee_id: string | null;
  preferred_counsellor_id: string | null;
  state: CaseState;
  created_at: number;
  accepted_at: number | null;
  closed_at: number | null;
  archived_at: number | null;
  /** Since when the client waits for an answer; maintained by the message commit path. */
  waiting_since: number | null;
  greeting_sent_at: number | null;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  type:
    | "opened"
    | "greeting"
    | "accepted"
    | "assigned"
    | "handed_over"
    | "absence_reply"
    | "closed"
    | "reopened"
    | "archived";
  actor_id: string | null;
  assignee_id: string | null;
  team_id: string | null;
  /** Agency greeting or absence notice (organisational plaintext), never case content. */
  text: string | null;
  created_at: number;
}

/** An epoch key wrapped to a team key generation (role team, ref = team) or to the archive key (role archive, ref = organisation). */
export interface EpochTeamWrapsTable {
  conversation_id: string;
  epoch: number;
  role: "team" | "archive";
  ref_id: string;
  generation: number;
  wrap: Uint8Array;
  created_at: number;
}

export interface AbsencesTable {
  account_id: string;
  active: number;
  message: string;
  /** The notice for clients of an informal ("du") topic (migration 0023); null: `message` for both. */
  message_informal?: string | null;
  until: number | null;
  /** Start of the current absence period (one automatic reply per case and period). */
  since: number | null;
  updated_at: number;
}

/** A retention period that differs from the built-in default (migration 0010). */
export interface RetentionRulesTable {
  /** Organisation id, or "instance" for classes that belong to no organisation. */
  scope: string;
  data_class: string;
  period_days: number;
  updated_by: string | null;
  updated_at: number;
}

/** A legal hold on a case; active while released_at is null. The reason is organisational text, never case content. */
export interface LegalHoldsTable {
  id: string;
  organisation_id: string;
  case_id: string;
  reason: string;
  set_by: string | null;
  set_at: number;
  released_by: string | null;
  released_at: number | null;
}

/** Blobs whose rows the retention job already deleted; removed from the blob store next. */
export interface PendingBlobDeletionsTable {
  blob_id: string;
  created_at: number;
}

/** How far an audit chain has been pruned by retention; signed with the audit anchor key. */
export interface AuditPrunesTable {
  chain: string;
  seq: number;
  hash: string;
  signature: string;
  public_key: string;
  created_at: number;
}

/** A privacy notice or communication guideline version (migration 0011); published rows never change. */
export interface OrgDocumentsTable {
  id: string;
  organisation_id: string;
  kind: "privacy_notice" | "communication_guideline";
  language: "de" | "en";
  state: "draft" | "approved" | "published" | "superseded";
  version: number | null;
  /** Lower-case hex SHA-256 of `text`. */
  sha256: string;
  text: string;
  created_by: string;
  created_at: number;
  approved_by: string | null;
  approved_at: number | null;
  published_by: string | null;
  published_at: number | null;
  superseded_at: number | null;
}

/** Who accepted (client) or confirmed (staff) which published version (migration 0011); append-only. */
export interface DocumentAcceptancesTable {
  id: string;
  account_id: string;
  organisation_id: string;
  document_id: string;
  kind: "privacy_notice" | "communication_guideline";
  language: "de" | "en";
  version: number;
  sha256: string;
  source: "staff_confirmed" | "accepted" | "case_opened";
  accepted_at: number;
}

/**
 * The consent log (migration 0011), append-only: a `grant` row is never
 * changed; its withdrawal is a `withdrawal` row with `withdraws_id` and
 * `given_at` = when it was withdrawn. Grant-only columns are null on withdrawals.
 */
export interface ConsentRecordsTable {
  id: string;
  organisation_id: string;
  kind: "grant" | "withdrawal";
  withdraws_id: string | null;
  subject_type: "client" | "case";
  subject_id: string;
  /** The client account concerned (for a case subject: the case's client). */
  client_id: string;
  given_by: string | null;
  capacity: string | null;
  purpose: string;
  /** JSON array of recipient names as entered. */
  recipients: string | null;
  /** JSON array of forwarding channels. */
  channels: string | null;
  text_sha256: string | null;
  language: string | null;
  method: "written" | "online" | "verbal";
  staff_present_id: string | null;
  recorded_by: string;
  given_at: number;
  expires_at: number | null;
  recorded_at: number;
}

/** How a client may be contacted (migration 0011); no row = only in-app. */
export interface ChannelPreferencesTable {
  account_id: string;
  in_app: number;
  email_notice: number;
  push: number;
  phone: number;
  updated_at: number;
}

/** A person's own address for e-mail notices, sealed under the instance notifyKey (migration 0027, ADR 0034). */
export interface NotifyAddressesTable {
  account_id: string;
  address_sealed: string;
  language: "de" | "en";
  /** Null until the link in the confirmation mail was opened: no notice goes to an unconfirmed address. */
  confirmed_at: number | null;
  /** SHA-256 of the pending confirmation link's token; null once confirmed. */
  token_hash: string | null;
  token_expires_at: number | null;
  /** Staff: also a notice of each new enquiry for one of their teams (0/1). */
  new_enquiry: number;
  created_at: number;
}

/** One notice sent, keyed by its job's idempotency key; counts for the per-recipient rate limit (migration 0027). */
export interface NotificationDeliveriesTable {
  id: string;
  account_id: string;
  kind: string;
  channel: string;
  sent_at: number;
}

/** The organisation's neutral sender name for notices (migration 0027); no row: the default. */
export interface NotificationSettingsTable {
  organisation_id: string;
  sender_name: string;
  /** The organisation's rules (migration 0035, ADR 0044): channels on at all (0/1). */
  email_enabled: Generated<number>;
  push_enabled: Generated<number>;
  /** Whether clients may use e-mail notices (0/1). */
  client_email: Generated<number>;
  /** Hours after which an unassigned enquiry is reported to the team's leads; null: never. */
  enquiry_wait_hours: Generated<number | null>;
  /** Office hours (migration 0041, ADR 0051): weekdays "1,2,3,4,5" (0 Sunday), local minutes, zone; null: none. */
  office_days: Generated<string | null>;
  office_start_minute: Generated<number | null>;
  office_end_minute: Generated<number | null>;
  office_time_zone: Generated<string | null>;
  updated_at: number;
}

/** A browser's Web Push subscription on a kept device of its owner (migration 0032, ADR 0038). */
export interface PushSubscriptionsTable {
  id: string;
  account_id: string;
  /** The kept device (device_keys) it was made on: it goes with the device. */
  device_id: string;
  /** The login that made it: it goes when that login ends (logout, quick exit, ended sessions). */
  session_id: string | null;
  /** The push service's URL for this browser (RFC 8030); unique. */
  endpoint: string;
  /** The browser's P-256 public key and auth secret (RFC 8291), base64url. */
  p256dh: string;
  auth: string;
  created_at: number;
  last_sent_at: number | null;
}

/** One entry of a staff member's bell (migration 0032, ADR 0038): a kind and a case, never content. */
export interface StaffNotificationsTable {
  /** The event's idempotency key with the recipient: an event is listed once. */
  id: string;
  account_id: string;
  organisation_id: string;
  kind:
    | "new_enquiry"
    | "new_message"
    | "handed_to_me"
    | "break_glass"
    | "dsr_due_soon"
    | "dsr_overdue"
    | "enquiry_waiting"
    | "assignee_absent"
    | "document_approval"
    | "audit_chain_failed"
    | "job_failed"
    | "config_problem"
    | "breach_due_soon"
    | "breach_overdue"
    | "training_due";
  case_id: string | null;
  created_at: number;
  read_at: number | null;
}

/** An organisation's minimum cell size for statistics (migration 0036, ADR 0045); no row = 5. */
export interface StatisticsSettingsTable {
  organisation_id: string;
  min_cell_size: number;
  updated_at: number;
}

/** Which voluntary client details an organisation asks (migration 0040, ADR 0050); no row = none. */
export interface ClientDetailQuestionsTable {
  organisation_id: string;
  ask_age_band: number;
  ask_gender: number;
  updated_at: number;
}

/** A client's voluntary answers for one organisation's statistics (migration 0040, ADR 0050); null = keine Angabe. */
export interface ClientDetailsTable {
  organisation_id: string;
  account_id: string;
  age_band: "under_14" | "14_17" | "18_26" | "27_49" | "50_64" | "65_plus" | null;
  gender: "female" | "male" | "diverse" | null;
  updated_at: number;
}

/** The breach register (migration 0037, ADR 0047): one personal-data breach as the DPO recorded it. */
export interface BreachesTable {
  id: string;
  organisation_id: string;
  description: string;
  aware_at: number;
  data_categories: string;
  persons_affected: number | null;
  status: "open" | "closed";
  risk: "unassessed" | "none" | "risk" | "high";
  consequences: string;
  measures: string;
  authority_notified_at: number | null;
  delay_reason: string | null;
  persons_notified_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** The processor register (migration 0039, ADR 0049): one processor (Art. 28) of an organisation. */
export interface ProcessorsTable {
  id: string;
  organisation_id: string;
  name: string;
  service: string;
  location: string;
  /** ISO 3166-1 alpha-2; null for entries seeded from OBHUT_PROCESSORS. */
  country: string | null;
  /** 0/1: data go to a third country; then `safeguard` is set (checked by the database). */
  third_country: number;
  safeguard: "adequacy" | "scc" | "bcr" | "other" | null;
  /** YYYY-MM-DD. */
  contract_date: string | null;
  review_date: string | null;
  /** JSON: [{name, country}]. */
  sub_processors: string;
  notes: string;
  archived_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** An organisation whose processor register was seeded from OBHUT_PROCESSORS (once; migration 0039). */
export interface ProcessorRegisterSeedsTable {
  organisation_id: string;
  seeded_at: number;
}

/** A deadline reminder of a breach, claimed once (migration 0037). */
export interface BreachRemindersTable {
  breach_id: string;
  kind: "h24" | "h4" | "overdue";
  sent_at: number;
}

/** A training the DPO set up (migration 0038, ADR 0048). */
export interface TrainingsTable {
  id: string;
  organisation_id: string;
  title: string;
  content: string;
  link: string | null;
  /** Refresh every so many months; null: once. */
  interval_months: number | null;
  audience: "all" | "counsellor" | "org_admin" | "dpo" | "report_office";
  created_by: string | null;
  created_at: number;
}

/** One staff member's confirmed participation in a training, the day as YYYY-MM-DD (migration 0038). */
export interface TrainingConfirmationsTable {
  id: string;
  organisation_id: string;
  training_id: string;
  account_id: string;
  attended_on: string;
  confirmed_at: number;
}

/** A "training due" notice, claimed once per person and due period (migration 0038). */
export interface TrainingRemindersTable {
  training_id: string;
  account_id: string;
  due_since: string;
  sent_at: number;
}

/** A person's quiet hours (migration 0034, ADR 0041): local minutes after midnight in an IANA time zone. */
export interface QuietHoursTable {
  account_id: string;
  start_minute: number;
  end_minute: number;
  time_zone: string;
  /** Also Saturday and Sunday (0/1; migration 0035, ADR 0044). */
  weekends: Generated<number>;
  updated_at: number;
}

/** A person's own switch for one event kind on one channel (migration 0035, ADR 0044); absent: the default. */
export interface NotificationRulesTable {
  account_id: string;
  kind: string;
  channel: string;
  enabled: number;
  updated_at: number;
}

/** A notice held back by quiet hours until its channel's digest (migration 0034, ADR 0041); no content. */
export interface NotificationDeferredTable {
  /** The notice job's idempotency key. */
  id: string;
  account_id: string;
  channel: string;
  kind: string;
  deferred_at: number;
  /** When the hold ends (the digest's time; migration 0041); null for rows held before it. */
  held_until: Generated<number | null>;
}

/** Every answer of the forwarding gate (migration 0011), allowed or refused; append-only. */
export interface ForwardingDecisionsTable {
  id: string;
  organisation_id: string;
  actor_id: string;
  subject_type: "client" | "case";
  subject_id: string;
  purpose: string;
  recipient: string;
  channel: string;
  outcome: "allowed" | "refused";
  consent_id: string | null;
  legal_basis: string | null;
  /** The written reason for a legal basis (no case content; shown to the DPO). */
  reason: string | null;
  decided_at: number;
}

/** A data-subject request received outside Obhut (migration 0013); dates are calendar days YYYY-MM-DD. */
export interface DsrRequestsTable {
  id: string;
  organisation_id: string;
  type: "access" | "erasure" | "rectification" | "restriction" | "portability" | "objection";
  subject_type: "client" | "case" | "reference";
  /** Client or case id, or a free reference without personal data. */
  subject_ref: string;
  received_on: string;
  original_due_on: string;
  due_on: string;
  extension_months: number;
  extension_reason: string | null;
  status: "open" | "extended" | "done" | "refused";
  closed_reason: string | null;
  created_by: string;
  created_at: number;
  closed_by: string | null;
  closed_at: number | null;
  reminded_due_soon_at: number | null;
  reminded_overdue_at: number | null;
}

/** A restriction of processing (GDPR Art. 18, migration 0013); active while lifted_at is null. */
export interface DsrRestrictionsTable {
  id: string;
  organisation_id: string;
  subject_type: "client" | "case";
  subject_id: string;
  /** Organisational text, never case content. */
  reason: string;
  request_id: string | null;
  set_by: string;
  set_at: number;
  lifted_by: string | null;
  lifted_at: number | null;
}

/** A non-assignee's time-limited access to an assigned case, with its reason (migration 0014). */
/** One-time code a client reads to their counsellor to re-bind a case to a new account (SHA-256 hex only). */
/** Staff opt-in: the master key wrapped for one browser's non-extractable device key (0016). */
export interface DeviceKeysTable {
  id: string;
  account_id: string;
  /** base64url device wrap (docs/CRYPTO.md §5a). */
  wrap: string;
  created_at: number;
  last_used_at: number;
  /** A client's device lives as long as this login; null for staff devices (migration 0020). */
  session_id: string | null;
}

/** How long a client's kept device may stay idle, per organisation (migration 0020); no row: 12 hours. */
export interface ClientDevicePoliciesTable {
  organisation_id: string;
  idle_ms: number;
  updated_by: string | null;
  updated_at: number;
}

export interface CaseRebindCodesTable {
  code_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface BreakGlassGrantsTable {
  id: string;
  organisation_id: string;
  case_id: string;
  team_id: string;
  account_id: string;
  /** Organisational text written by staff, never case content. */
  reason: string;
  created_at: number;
  expires_at: number;
}

/** An admin's request to read a case with the archive key, and the DPO's decision (migration 0025, ADR 0032). */
export interface ArchiveAccessRequestsTable {
  id: string;
  organisation_id: string;
  case_id: string;
  team_id: string;
  conversation_id: string;
  requested_by: string;
  /** Organisational text written by the admin, never case content. */
  reason: string;
  requested_at: number;
  decision: "approved" | "refused" | null;
  decided_by: string | null;
  decided_at: number | null;
  /** Until when the requester may read (approved requests only). */
  expires_at: number | null;
}

/** A stored version of the record of processing activities, Art. 30 GDPR (migration 0014); never changed. */
export interface ProcessingRecordsTable {
  id: string;
  organisation_id: string;
  version: number;
  /** Canonical JSON of the record. */
  content: string;
  /** Lower-case hex SHA-256 of `content`. */
  sha256: string;
  created_by: string | null;
  created_at: number;
}

/** An organisation's attachment rules (migration 0018); no row = the defaults in modules/messaging/attachment-policy.ts. */
export interface AttachmentPoliciesTable {
  organisation_id: string;
  /** Size cap in ciphertext bytes (what the server sees), at most ATTACHMENT_LIMITS.maxBytes. */
  max_bytes: number;
  /** JSON array of lower-case media types and wildcards (`image/*`). */
  allowed_types: string;
  updated_by: string | null;
  updated_at: number;
}

/** A deleted attachment: only its id and conversation, so downloads can say "deleted" (migration 0018). */
export interface AttachmentDeletionsTable {
  attachment_id: string;
  conversation_id: string;
  deleted_at: number;
}

/** A team's canned reply, sealed in the browser; the server holds no title or text (migration 0028). */
export interface CannedRepliesTable {
  id: string;
  organisation_id: string;
  team_id: string;
  /** The team key generation the content key is wrapped to. */
  generation: number;
  /** base64url: the content key wrapped to the team key, and the sealed snippet. */
  wrap: string;
  ciphertext: string;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

/** A broadcast channel (migration 0031, ADR 0037): a `broadcast` conversation's organisation, name and audience. */
export interface BroadcastChannelsTable {
  conversation_id: string;
  organisation_id: string;
  /** Readable: a client sees it before subscribing, when they hold no key of the channel. */
  name: string;
  audience: "staff" | "clients";
  created_by: string;
  created_at: number;
}

/** A counsellor's weekly availability rule (migration 0042, ADR 0052): local minutes in an IANA time zone. */
export interface AppointmentSlotsTable {
  id: string;
  organisation_id: string;
  counsellor_id: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  start_minute: number;
  end_minute: number;
  slot_minutes: number;
  /** Comma-separated kinds offered: video, phone, on_site. */
  kinds: string;
  time_zone: string;
  created_at: number;
}

/** A counsellor's day off (YYYY-MM-DD, local) on which no slot is offered (migration 0042). */
export interface AppointmentDaysOffTable {
  organisation_id: string;
  counsellor_id: string;
  day: string;
}

/** A booked appointment: times, kind and ids only (migration 0042); unique per counsellor and start. */
export interface AppointmentsTable {
  id: string;
  organisation_id: string;
  counsellor_id: string;
  case_id: string;
  starts_at: number;
  ends_at: number;
  kind: "video" | "phone" | "on_site";
  booked_by: string | null;
  created_at: number;
}

/** A staff member's ICS feed: the SHA-256 of its secret token (migration 0042). */
export interface CalendarFeedsTable {
  account_id: string;
  organisation_id: string;
  token_hash: string;
  created_at: number;
}
