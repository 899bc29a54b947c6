// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";
import { DISPLAY_NAME_MAX, displayNameError, type DisplayNameErrorKey } from "./display-name";
import {
  checkPasswordStrength,
  validateSignUp,
  type SignUpErrorKey,
  type SignUpErrors,
  type SignUpField,
  type SignUpValues,
} from "./validate";

/** The wording of one sign-up form: client, setup and invitation each keep their own. */
export interface SignUpFormTexts {
  username: string;
  usernameHint: string;
  password: string;
  passwordHint: string;
  passwordRepeat: string;
  errorsTitle: string;
  submit: string;
  /** The message for a failed local check of name or password. */
  error: (key: SignUpErrorKey) => string;
}

/** A text field a page puts before the name (organisation, display name), checked with the rest. */
export interface ExtraField<V> {
  name: keyof V & string;
  value: string;
  label: string;
  hint: string;
  autoComplete: string;
  maxLength: number;
  /** An error key for the value, or null. Keys (not texts) are kept, so a language switch re-translates them. */
  check: (value: string) => string | null;
  message: (error: string) => string;
}

/** A field-level error from the last attempt (the name is taken). */
export type SignUpServerError = { field: SignUpField; message: string };

/** What a page gives its sign-up form; the form's wording and extra fields are the form's own. */
export interface SignUpFormProps<V> {
  values: V;
  onValues: (values: V) => void;
  serverError: SignUpServerError | null;
  onSubmit: () => void;
}

/** The display name of the staff forms (setup, invitation): what clients see instead of the login name. */
export function useDisplayNameField<V extends SignUpValues & { displayName: string }>(values: V): ExtraField<V> {
  const { t } = useT();
  return {
    name: "displayName",
    value: values.displayName,
    label: t("displayName.label"),
    hint: t("displayName.hint"),
    autoComplete: "name",
    maxLength: DISPLAY_NAME_MAX,
    check: displayNameError,
    message: (error) => t(`displayName.errors.${error as DisplayNameErrorKey}`),
  };
}

/**
 * The local checks of one submit: the page's extra fields, then name and password rules; the guessability
 * check (which fails closed) only when everything else passed. Error keys, not texts.
 */
export async function checkSignUp<V extends SignUpValues>(
  values: V,
  extraFields: readonly ExtraField<V>[],
  passwordContext: readonly string[],
): Promise<{ found: SignUpErrors; foundExtra: Partial<Record<string, string>> }> {
  const found = validateSignUp(values);
  const foundExtra: Partial<Record<string, string>> = {};
  for (const field of extraFields) {
    const key = field.check(field.value);
    if (key) foundExtra[field.name] = key;
  }
  if (Object.keys(found).length === 0 && Object.keys(foundExtra).length === 0) {
    const weak = await checkPasswordStrength(values.password, [values.username, ...passwordContext]);
    if (weak) found.password = weak;
  }
  return { found, foundExtra };
}
