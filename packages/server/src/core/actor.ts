// SPDX-License-Identifier: AGPL-3.0-or-later

/** Who makes a request: the account behind a valid session (modules/identity/session.ts builds it from the cookie). */
export interface Actor {
  accountId: string;
  sessionId: string;
  organisationId: string | null;
  kind: "client" | "staff";
  role: string;
  expiresAt: number;
  /** Password proven, second factor still owed: only MFA_PENDING_ROUTES answer (see ADR 0011). */
  mfaPending: boolean;
  /** Identity proven by SSO, key password still owed: only SSO_PASSWORD_PENDING_ROUTES answer (ADR 0014). */
  passwordPending: boolean;
}
