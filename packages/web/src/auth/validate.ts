// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Local checks before any crypto or network work. The pseudonym rule mirrors
 * `Username` in @obhut/protocol (a unit test keeps them in step); it is
 * repeated here because importing the zod schema would put zod into the
 * initial bundle.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 64;
export const MIN_PASSWORD_LENGTH = 12;

export type SignUpField = "username" | "password" | "passwordRepeat";
export type SignUpErrorKey =
  | "usernameRequired"
  | "usernameInvalid"
  | "passwordTooShort"
  | "passwordGuessable"
  | "passwordCheckFailed"
  | "passwordMismatch";
export type SignUpErrors = Partial<Record<SignUpField, SignUpErrorKey>>;

export interface SignUpValues {
  username: string;
  password: string;
  passwordRepeat: string;
}

export function isValidUsername(value: string): boolean {
  return value.length >= USERNAME_MIN && value.length <= USERNAME_MAX && USERNAME_PATTERN.test(value);
}

/** Counts characters as people see them (code points), not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password].length;
}

export function validateSignUp(values: SignUpValues): SignUpErrors {
  const errors: SignUpErrors = {};
  const username = values.username.trim();
  if (!username) errors.username = "usernameRequired";
  else if (!isValidUsername(username)) errors.username = "usernameInvalid";
  if (passwordLength(values.password) < MIN_PASSWORD_LENGTH) errors.password = "passwordTooShort";
  else if (values.password !== values.passwordRepeat) errors.passwordRepeat = "passwordMismatch";
  return errors;
}

/**
 * The password part of the policy that needs the dictionaries: after the
 * local checks pass, a too-guessable password is refused (passwordGuessable);
 * if the checker cannot be loaded the form refuses too (fail closed). Returns
 * the error key for the password field, or null.
 */
export async function checkPasswordStrength(
  password: string,
  context: readonly string[],
): Promise<"passwordGuessable" | "passwordCheckFailed" | null> {
  const { isGuessablePassword } = await import("./password-strength");
  try {
    return (await isGuessablePassword(password, context)) ? "passwordGuessable" : null;
  } catch {
    return "passwordCheckFailed";
  }
}
