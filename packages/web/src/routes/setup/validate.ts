// SPDX-License-Identifier: AGPL-3.0-or-later
import { displayNameError, type DisplayNameErrorKey } from "../../auth/display-name";

export const MIN_PASSWORD_LENGTH = 12;
// Mirrors `Username` in @obhut/protocol (routes/auth.ts); the server checks again.
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
// Mirrors `SetupToken` in @obhut/protocol (routes/setup.ts).
const SETUP_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

export interface SetupValues {
  organisationName: string;
  /** What clients and colleagues see; the login name is never shown to clients. */
  displayName: string;
  username: string;
  password: string;
  passwordRepeat: string;
}

export type SetupField = keyof SetupValues;
export type SetupErrorKey =
  | DisplayNameErrorKey
  | "orgNameRequired"
  | "usernameRequired"
  | "usernameInvalid"
  | "passwordTooShort"
  | "passwordGuessable"
  | "passwordCheckFailed"
  | "passwordMismatch";

export type SetupErrors = Partial<Record<SetupField, SetupErrorKey>>;

export function validateSetup(values: SetupValues): SetupErrors {
  const errors: SetupErrors = {};
  if (values.organisationName.trim().length < 2) errors.organisationName = "orgNameRequired";
  const badName = displayNameError(values.displayName);
  if (badName) errors.displayName = badName;
  if (values.username.trim() === "") errors.username = "usernameRequired";
  else if (!USERNAME.test(values.username.trim())) errors.username = "usernameInvalid";
  // Count code points, not UTF-16 units, so emoji and umlauts count once.
  if ([...values.password].length < MIN_PASSWORD_LENGTH) errors.password = "passwordTooShort";
  else if (values.password !== values.passwordRepeat) errors.passwordRepeat = "passwordMismatch";
  return errors;
}

export function isWellFormedSetupToken(token: string): boolean {
  return SETUP_TOKEN.test(token);
}

/** Reads `token` from a URL fragment such as `#token=abc`. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  return params.get("token");
}
