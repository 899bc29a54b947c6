// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  MIN_PASSWORD_LENGTH,
  USERNAME_MAX,
  checkPasswordStrength,
  validateSignUp,
  type SignUpErrors,
  type SignUpField,
  type SignUpValues,
} from "../auth/validate";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";

const FIELD_ORDER: SignUpField[] = ["username", "password", "passwordRepeat"];

/** Name and password twice; local checks only (the recovery code is not optional for staff). */
export function InviteForm({
  values,
  onValues,
  serverError,
  onSubmit,
}: {
  values: SignUpValues;
  onValues: (values: SignUpValues) => void;
  serverError: { field: SignUpField; message: string } | null;
  onSubmit: () => void;
}) {
  const { t } = useT();
  const [errors, setErrors] = useState<SignUpErrors>({});
  const [showSummary, setShowSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (showSummary > 0) summaryRef.current?.focus();
  }, [showSummary]);

  const set = (key: SignUpField) => (value: string) => onValues({ ...values, [key]: value });
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
                <a href={`#invite-${field}`}>{errorText(field)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextField
        id="invite-username"
        label={t("invite.username")}
        hint={t("invite.usernameHint")}
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
        id="invite-password"
        type="password"
        label={t("invite.password")}
        hint={t("invite.passwordHint")}
        error={errorText("password")}
        value={values.password}
        onValue={set("password")}
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
      />
      <TextField
        id="invite-passwordRepeat"
        type="password"
        label={t("invite.passwordRepeat")}
        error={errorText("passwordRepeat")}
        value={values.passwordRepeat}
        onValue={set("passwordRepeat")}
        autoComplete="new-password"
        required
      />
      <p>{t("invite.recoveryNote")}</p>
      <button type="submit" className="button button--primary">
        {t("invite.submit")}
      </button>
    </form>
  );
}
