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
import { DISPLAY_NAME_MAX, displayNameError, type DisplayNameErrorKey } from "../auth/display-name";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";

type InviteField = SignUpField | "displayName";
const FIELD_ORDER: InviteField[] = ["displayName", "username", "password", "passwordRepeat"];

/** What the invited staff member types: the sign-up fields plus the display name clients will see. */
export interface InviteValues extends SignUpValues {
  displayName: string;
}

/** Display name, login name and password twice; local checks only (the recovery code is not optional for staff). */
export function InviteForm({
  values,
  onValues,
  serverError,
  onSubmit,
}: {
  values: InviteValues;
  onValues: (values: InviteValues) => void;
  serverError: { field: SignUpField; message: string } | null;
  onSubmit: () => void;
}) {
  const { t } = useT();
  const [errors, setErrors] = useState<SignUpErrors>({});
  const [nameError, setNameError] = useState<DisplayNameErrorKey | null>(null);
  const [showSummary, setShowSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (showSummary > 0) summaryRef.current?.focus();
  }, [showSummary]);

  const set = (key: InviteField) => (value: string) => onValues({ ...values, [key]: value });
  const errorText = (field: InviteField): string | undefined => {
    if (field === "displayName") return nameError ? t(`displayName.errors.${nameError}`) : undefined;
    const key = errors[field];
    if (key) return t(`signup.errors.${key}`);
    return serverError?.field === field ? serverError.message : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateSignUp(values);
    const badName = displayNameError(values.displayName);
    if (Object.keys(found).length === 0 && !badName) {
      const weak = await checkPasswordStrength(values.password, [values.username, values.displayName]);
      if (weak) found.password = weak;
    }
    setErrors(found);
    setNameError(badName);
    if (Object.keys(found).length > 0 || badName) {
      setShowSummary((n) => n + 1);
      return;
    }
    onSubmit();
  };

  const errorFields = FIELD_ORDER.filter((field) => (field === "displayName" ? nameError : errors[field]));

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
        id="invite-displayName"
        label={t("displayName.label")}
        hint={t("displayName.hint")}
        error={errorText("displayName")}
        value={values.displayName}
        onValue={set("displayName")}
        autoComplete="name"
        required
        maxLength={DISPLAY_NAME_MAX}
      />
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
