// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent } from "react";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import {
  MIN_PASSWORD_LENGTH,
  USERNAME_MAX,
  checkPasswordStrength,
  validateSignUp,
  type SignUpErrors,
  type SignUpField,
} from "../auth/validate";
import { CheckboxField } from "./checkbox-field";

export interface SignUpFormValues {
  username: string;
  password: string;
  passwordRepeat: string;
  wantRecoveryCode: boolean;
}

const FIELD_ORDER: SignUpField[] = ["username", "password", "passwordRepeat"];

/**
 * Step 1 of sign-up: pseudonym, password twice, and the recovery-code choice
 * (on by default, explained right there). Validates locally only.
 */
export function SignUpForm({
  values,
  onValues,
  serverError,
  onSubmit,
}: {
  values: SignUpFormValues;
  onValues: (values: SignUpFormValues) => void;
  /** Field-level error from the last attempt (e.g. the name is taken). */
  serverError: { field: SignUpField; message: string } | null;
  onSubmit: () => void;
}) {
  const { t } = useT();
  const [errors, setErrors] = useState<SignUpErrors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const [showSummary, setShowSummary] = useState(0);

  useEffect(() => {
    if (showSummary > 0) summaryRef.current?.focus();
  }, [showSummary]);

  const set =
    <K extends keyof SignUpFormValues>(key: K) =>
    (value: SignUpFormValues[K]) =>
      onValues({ ...values, [key]: value });

  const errorText = (field: SignUpField): string | undefined => {
    const key = errors[field];
    if (key) return t(`signup.errors.${key}`);
    return serverError?.field === field ? serverError.message : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateSignUp(values);
    if (Object.keys(found).length === 0) {
      const weak = await checkPasswordStrength(values.password, [values.username]);
      if (weak) found.password = weak;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setShowSummary((n) => n + 1);
      return;
    }
    onSubmit();
  };

  const errorFields = FIELD_ORDER.filter((field) => errors[field]);

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {errorFields.length > 0 ? (
        <div className="notice notice--error" ref={summaryRef} tabIndex={-1} role="alert">
          <p>{t("signup.errorsTitle")}</p>
          <ul>
            {errorFields.map((field) => (
              <li key={field}>
                <a href={`#signup-${field}`}>{errorText(field)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextField
        id="signup-username"
        label={t("signup.username")}
        hint={t("signup.usernameHint")}
        error={errorText("username")}
        value={values.username}
        onValue={set("username")}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={USERNAME_MAX}
      />
      <TextField
        id="signup-password"
        type="password"
        label={t("signup.password")}
        hint={t("signup.passwordHint")}
        error={errorText("password")}
        value={values.password}
        onValue={set("password")}
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
      />
      <TextField
        id="signup-passwordRepeat"
        type="password"
        label={t("signup.passwordRepeat")}
        error={errorText("passwordRepeat")}
        value={values.passwordRepeat}
        onValue={set("passwordRepeat")}
        autoComplete="new-password"
        required
      />
      <fieldset className="fieldset">
        <legend>{t("signup.recoveryLegend")}</legend>
        <p>{t("signup.recoveryExplain")}</p>
        <CheckboxField
          id="signup-wantRecoveryCode"
          label={t("signup.recoveryChoice")}
          checked={values.wantRecoveryCode}
          onChecked={set("wantRecoveryCode")}
        />
        {values.wantRecoveryCode ? null : <p className="notice notice--warn">{t("signup.recoveryDeclined")}</p>}
      </fieldset>
      <button type="submit" className="button button--primary">
        {values.wantRecoveryCode ? t("signup.submit") : t("signup.submitWithoutCode")}
      </button>
    </form>
  );
}
