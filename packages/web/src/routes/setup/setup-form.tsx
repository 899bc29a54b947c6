// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent } from "react";
import { TextField } from "../../components/text-field";
import { useT } from "../../i18n/use-t";
import { DISPLAY_NAME_MAX, type DisplayNameErrorKey } from "../../auth/display-name";
import { checkPasswordStrength } from "../../auth/validate";
import { MIN_PASSWORD_LENGTH, validateSetup, type SetupErrors, type SetupField, type SetupValues } from "./validate";

const FIELD_ORDER: SetupField[] = ["organisationName", "displayName", "username", "password", "passwordRepeat"];

/**
 * Step 1 of setup: organisation name, administrator name, password twice.
 * It only validates locally; the wizard (setup-wizard.tsx) does the crypto.
 * Values are held by the wizard so "Back" from the recovery code keeps them.
 */
export function SetupForm({
  values,
  onValues,
  serverError,
  onValid,
}: {
  values: SetupValues;
  onValues: (values: SetupValues) => void;
  /** A field-level error from the last attempt (the name is taken). */
  serverError: { field: SetupField; message: string } | null;
  onValid: () => void;
}) {
  const { t } = useT();
  const [errors, setErrors] = useState<SetupErrors>({});
  const [showSummary, setShowSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  // Focus the summary after each failed submit so screen-reader users hear what to fix.
  useEffect(() => {
    if (showSummary > 0) summaryRef.current?.focus();
  }, [showSummary]);

  const set = (field: SetupField) => (value: string) => onValues({ ...values, [field]: value });
  const errorText = (field: SetupField) => {
    const key = errors[field];
    if (key && field === "displayName") return t(`displayName.errors.${key as DisplayNameErrorKey}`);
    if (key) return t(`setup.errors.${key as Exclude<typeof key, DisplayNameErrorKey>}`);
    return serverError?.field === field ? serverError.message : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateSetup(values);
    if (Object.keys(found).length === 0) {
      const weak = await checkPasswordStrength(values.password, [
        values.username,
        values.displayName,
        values.organisationName,
      ]);
      if (weak) found.password = weak;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setShowSummary((n) => n + 1);
      return;
    }
    onValid();
  };

  const errorFields = FIELD_ORDER.filter((field) => errors[field]);

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {errorFields.length > 0 ? (
        <div className="notice notice--error" ref={summaryRef} tabIndex={-1} role="alert">
          <p>{t("setup.errorsTitle")}</p>
          <ul>
            {errorFields.map((field) => (
              <li key={field}>
                <a href={`#setup-${field}`}>{errorText(field)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextField
        id="setup-organisationName"
        label={t("setup.orgName")}
        hint={t("setup.orgNameHint")}
        error={errorText("organisationName")}
        value={values.organisationName}
        onValue={set("organisationName")}
        autoComplete="organization"
        required
        maxLength={120}
      />
      <TextField
        id="setup-displayName"
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
        id="setup-username"
        label={t("setup.adminUsername")}
        hint={t("setup.adminUsernameHint")}
        error={errorText("username")}
        value={values.username}
        onValue={set("username")}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={64}
      />
      <TextField
        id="setup-password"
        type="password"
        label={t("setup.password")}
        hint={t("setup.passwordHint")}
        error={errorText("password")}
        value={values.password}
        onValue={set("password")}
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
      />
      <TextField
        id="setup-passwordRepeat"
        type="password"
        label={t("setup.passwordRepeat")}
        error={errorText("passwordRepeat")}
        value={values.passwordRepeat}
        onValue={set("passwordRepeat")}
        autoComplete="new-password"
        required
      />
      <button type="submit" className="button button--primary">
        {t("setup.submit")}
      </button>
    </form>
  );
}
