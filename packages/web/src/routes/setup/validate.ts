// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SignUpValues } from "../../auth/validate";

// Mirrors `SetupToken` in @obhut/protocol (routes/setup.ts); invitation tokens have the same form.
const LINK_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/** The setup form: the sign-up fields (name and password rules as for everybody) and the organisation. */
export interface SetupValues extends SignUpValues {
  organisationName: string;
  /** What clients and colleagues see; the login name is never shown to clients. */
  displayName: string;
}

export function organisationNameError(value: string): "orgNameRequired" | null {
  return value.trim().length < 2 ? "orgNameRequired" : null;
}

/** Whether a setup or invitation token from a link can be one at all (checked before asking the server). */
export function isWellFormedLinkToken(token: string): boolean {
  return LINK_TOKEN.test(token);
}

/** Reads `token` from a URL fragment such as `#token=abc`. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  return params.get("token");
}
