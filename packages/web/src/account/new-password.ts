// SPDX-License-Identifier: AGPL-3.0-or-later
import { checkPasswordStrength, MIN_PASSWORD_LENGTH, passwordLength, type SignUpErrorKey } from "../auth/validate";

export interface NewPasswordErrors {
  password?: SignUpErrorKey;
  passwordRepeat?: SignUpErrorKey;
}

/**
 * The password rules of sign-up for a new password chosen later (recovery, password change): at least
 * 12 characters, both entries equal, and not guessable (fails closed when the checker cannot load).
 * Error keys of `signup.errors`, so a language switch re-translates them.
 */
export async function checkNewPassword(
  password: string,
  repeat: string,
  context: readonly string[],
): Promise<NewPasswordErrors> {
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) return { password: "passwordTooShort" };
  if (password !== repeat) return { passwordRepeat: "passwordMismatch" };
  const weak = await checkPasswordStrength(password, context);
  return weak ? { password: weak } : {};
}
