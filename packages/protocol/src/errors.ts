// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";

/**
 * Stable error codes. Clients switch on these, so never rename one; add new
 * codes at the end. The HTTP status for each lives here too so that server
 * and web agree on it.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  invalid_body: 400,
  invalid_query: 400,
  invalid_params: 400,
  invalid_encoding: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  setup_token_invalid: 403,
  setup_already_done: 409,
  auth_failed: 401,
  session_expired: 401,
  range_not_satisfiable: 416,
  internal: 500,
  unavailable: 503,
  /** The org log entry does not verify or does not extend the head; see the message. */
  org_log_rejected: 422,
  /** Someone else appended first (or the seq is not head+1): fetch the log and try again. */
  org_log_conflict: 409,
  /** A key bundle's public keys are not the ones required (same identity on password change / recovery, new on reset). */
  key_mismatch: 422,
  reset_token_invalid: 403,
  /** The session has passed the password but still needs its second factor; only the MFA endpoints answer. */
  mfa_required: 403,
  /** A second-factor code or passkey assertion was not accepted. */
  mfa_failed: 401,
  /** The invitation link is unknown, used, revoked or expired. */
  invitation_invalid: 403,
  /**
   * Live (pending and stored) attachments would exceed a storage quota; `details.scope` says whose:
   * `account`, `organisation` or `instance`.
   */
  quota_exceeded: 413,
  /** A colleague accepted this enquiry first; the case in the answer names who. */
  case_taken: 409,
  /** The case is archived (read-only) or in a state that does not allow this step. */
  case_state: 409,
  /** A draft document has to be approved by a management role (not its author) before it is published. */
  document_not_approved: 409,
  /** Staff must confirm the current communication guideline before case work. */
  guideline_not_confirmed: 403,
  /**
   * The organisation publishes a privacy notice the client has not accepted (or the text shown was not the
   * current version): show the current notice and send its hash with the enquiry.
   */
  privacy_notice_required: 409,
  /** The forwarding gate found neither an active matching consent nor a legal basis with a reason. */
  forwarding_refused: 403,
  /** The single sign-on answer was not accepted (state, code, ID token or issuer); start again. */
  sso_failed: 401,
  /** The organisation's identity provider could not be reached or did not answer as configured. */
  sso_unavailable: 502,
  /** This identity-provider account is not linked to a staff account here (link it after a password login). */
  sso_not_linked: 403,
  /** The organisation requires its staff to sign in through its identity provider. */
  sso_required: 403,
  /** Identity proven by SSO; the key password (OPAQUE) must still be proven on the SSO unlock routes. */
  password_required: 403,
  /** Processing of this case or client is restricted (GDPR Art. 18): staff cannot work on it until the restriction is lifted. */
  case_restricted: 409,
  /** The account (or an attachment of a case) cannot be deleted now: a case is on legal hold or restricted; the organisation's DPO decides. */
  erasure_blocked: 409,
  /** The case is assigned to a colleague: opening it needs a stated reason (break glass), which is audited and shown to the team lead. */
  break_glass_required: 403,
  /** The record of processing activities lacks a required field (hosting location, processors…); see the message. */
  record_incomplete: 409,
  /** The case re-binding code is unknown, expired or used (the client asks for a new one). */
  rebind_code_invalid: 403,
  /** The attachment was deleted by its uploader or the case's counsellor; show "attachment deleted". */
  attachment_deleted: 404,
  /** The server's settings do not let SSO reach this issuer (not on the operator's list, or a local/private address). */
  sso_issuer_not_allowed: 400,
  /**
   * This would leave the organisation without a confirmed administrator (one whose keys the organisation log
   * certifies): confirm a second administrator first (ADR 0026).
   */
  last_admin: 409,
  /**
   * Someone who could read this conversation left it (offboarding, team removal, handover, re-binding), or its
   * current epoch reached the organisation's message or age limit: no message goes in until a new epoch is
   * published (`POST /api/conversations/:id/epochs`). The web app does that itself and sends again (ADR 0029).
   */
  epoch_rotation_owed: 409,
  /** The message was sealed under an older epoch than the conversation's current one: load the epochs, seal again. */
  epoch_outdated: 409,
  /**
   * The new epoch would be wrapped to a team or archive key that someone who left still holds: an
   * administrator's browser must first renew that key (a new generation in the organisation log).
   */
  key_rotation_pending: 409,
  /** Only a channel's owners post; its subscribers read (ADR 0037). */
  channel_read_only: 403,
  /**
   * The caller was a member of this team chat and was removed or left: nothing more goes in from them, and
   * what is written from now on is sealed under a key they do not get (ADR 0040).
   */
  membership_ended: 403,
  /** The supervisory authority was notified more than 72 hours after awareness: Art. 33(1) wants the reason (ADR 0047). */
  breach_delay_reason_required: 400,
  /** A voluntary client detail the organisation does not ask (ADR 0050): not stored. */
  client_detail_not_asked: 400,
  /** A processor transfers data to a third country: name the safeguard (adequacy, SCC, BCR, other) (ADR 0049). */
  processor_safeguard_required: 400,
  /** An archived processor stays as it was in the register's history; add a new entry instead (ADR 0049). */
  processor_archived: 409,
  /** A training's participation cannot be confirmed for a day that has not come yet (ADR 0048). */
  training_date_in_future: 400,
  /** Someone booked this slot first (or the case already holds it); choose another (ADR 0052). */
  appointment_slot_taken: 409,
  /** The slot has begun or passed (ADR 0052). */
  appointment_in_past: 400,
  /** Not a slot the counsellor offers (not published, a day off, beyond 14 days, kind not offered) (ADR 0052). */
  appointment_slot_unavailable: 400,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string(),
      /** Field-level problems for validation errors; paths only, never values. */
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      /** Machine-readable detail of some codes, e.g. `{scope: "organisation"}` for `quota_exceeded`. */
      details: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof ErrorBody>;
