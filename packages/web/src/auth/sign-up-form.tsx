// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { DISPLAY_NAME_MAX, displayNameError, type DisplayNameErrorKey } from "./display-name";
import {
  MIN_PASSWORD_LENGTH,
  USERNAME_MAX,
  checkPasswordStrength,
  validateSignUp,
  type SignUpErrorKey,
  type SignUpErrors,
  type SignUpField,
  type SignUpValues,
} from "./validate";

const SIGN_UP_FIELDS: readonly SignUpField[] = ["username", "password", "passwordRepeat"];

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

/**
 * The form client sign-up, first-start setup and invitations share: the
 * page's extra fields, name, password twice, local checks (the name rule,
 * 12 characters, the repeat, then the guessability check, which fails
 * closed) and an error summary that takes focus and links to each field.
 * It only validates; the page runs the crypto after `onSubmit`. Values live
 * in the page, so "Back" from the recovery code keeps them.
 */
export function SignUpForm<V extends SignUpValues>({
  idPrefix,
  values,
  onValues,
  texts,
  extraFields = [],
  passwordContext = [],
  serverError,
  onSubmit,
  children,
}: SignUpFormProps<V> & {
  /** Field ids are `${idPrefix}-${field}`. */
  idPrefix: string;
  texts: SignUpFormTexts;
  extraFields?: readonly ExtraField<V>[];
  /** Words besides the name that an attacker would try first (display name, organisation). */
  passwordContext?: readonly string[];
  /** Shown between the password fields and the submit button. */
  children?: ReactNode;
}) {
  const [errors, setErrors] = useState<SignUpErrors>({});
  const [extraErrors, setExtraErrors] = useState<Partial<Record<string, string>>>({});
  const [showSummary, setShowSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  // Focus the summary after each failed submit so screen-reader users hear what to fix.
  useEffect(() => {
    if (showSummary > 0) summaryRef.current?.focus();
  }, [showSummary]);

  const set = (field: keyof V & string) => (value: string) => onValues({ ...values, [field]: value });
  const errorText = (field: string): string | undefined => {
    const extra = extraFields.find((candidate) => candidate.name === field);
    if (extra) {
      const key = extraErrors[field];
      return key ? extra.message(key) : undefined;
    }
    const key = errors[field as SignUpField];
    if (key) return texts.error(key);
    return serverError?.field === field ? serverError.message : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateSignUp(values);
    const foundExtra: Partial<Record<string, string>> = {};
    for (const field of extraFields) {
      const key = field.check(field.value);
      if (key) foundExtra[field.name] = key;
    }
    const failed = () => Object.keys(found).length > 0 || Object.keys(foundExtra).length > 0;
    if (!failed()) {
      const weak = await checkPasswordStrength(values.password, [values.username, ...passwordContext]);
      if (weak) found.password = weak;
    }
    setErrors(found);
    setExtraErrors(foundExtra);
    if (failed()) {
      setShowSummary((n) => n + 1);
      return;
    }
    onSubmit();
  };

  const fieldOrder = [...extraFields.map((field) => field.name), ...SIGN_UP_FIELDS];
  const errorFields = fieldOrder.filter((field) => extraErrors[field] ?? errors[field as SignUpField]);
  const id = (field: string) => `${idPrefix}-${field}`;
  // What every field of the form has: its id, value, error and "required".
  const common = (field: keyof V & string, value: string) => ({
    id: id(field),
    value,
    onValue: set(field),
    error: errorText(field),
    required: true,
  });

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {errorFields.length > 0 ? (
        <div className="notice notice--error" ref={summaryRef} tabIndex={-1} role="alert">
          <p>{texts.errorsTitle}</p>
          <ul>
            {errorFields.map((field) => (
              <li key={field}>
                <a href={`#${id(field)}`}>{errorText(field)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {extraFields.map((field) => (
        <TextField
          key={field.name}
          {...common(field.name, field.value)}
          label={field.label}
          hint={field.hint}
          autoComplete={field.autoComplete}
          maxLength={field.maxLength}
        />
      ))}
      <TextField
        {...common("username", values.username)}
        label={texts.username}
        hint={texts.usernameHint}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={USERNAME_MAX}
      />
      <TextField
        {...common("password", values.password)}
        type="password"
        label={texts.password}
        hint={texts.passwordHint}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
      />
      <TextField
        {...common("passwordRepeat", values.passwordRepeat)}
        type="password"
        label={texts.passwordRepeat}
        autoComplete="new-password"
      />
      {children}
      <button type="submit" className="button button--primary">
        {texts.submit}
      </button>
    </form>
  );
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
