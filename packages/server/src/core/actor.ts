// SPDX-License-Identifier: AGPL-3.0-or-later

/** Who makes a request: the account behind a valid session (modules/identity/session.ts builds it from the cookie). */
export interface Actor {
  accountId: string;
  sessionId: string;
  organisationId: string | null;
  kind: "client" | "staff";
  role: string;
  /** When the session ends unless another request comes first (the earlier of its idle and absolute end). */
  expiresAt: number;
  /** When the session ends however active it is. */
  absoluteExpiresAt: number;
  /** The session's idle limit (the organisation's policy for the role, or a kept device's). */
  idleMs: number;
  /**
   * The session's last authenticated request before this one, to the minute
   * (the session is touched at most once a minute): what a kept client
   * device's idle limit counts from (ADR 0027).
   */
  lastSeenAt: number;
  /** Password proven, second factor still owed: only MFA_PENDING_ROUTES answer (see ADR 0011). */
  mfaPending: boolean;
  /** Identity proven by SSO, key password still owed: only SSO_PASSWORD_PENDING_ROUTES answer (ADR 0014). */
  passwordPending: boolean;
}
