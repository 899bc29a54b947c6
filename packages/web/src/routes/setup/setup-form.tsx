// SPDX-License-Identifier: AGPL-3.0-or-later
import { useRef, useState, type FormEvent } from "react";
import { ApiError } from "../../api/client";
import { TextField } from "../../components/text-field";
import { useT } from "../../i18n/use-t";
import { SetupUnavailableError, type SetupSubmit } from "./setup-submit";
import { MIN_PASSWORD_LENGTH, validateSetup, type SetupErrors, type SetupField, type SetupValues } from "./validate";

type Outcome = { kind: "idle" } | { kind: "submitting" } | { kind: "done" } | { kind: "failed"; message: string };

const FIELD_ORDER: SetupField[] = ["organisationName", "username", "password", "passwordRepeat"];

/**
 * The setup form. It validates locally, then hands everything to the one
 * injected `onSubmit` (OPAQUE registration and key creation live there).
 */
export function SetupForm({ token, onSubmit }: { token: string; onSubmit: SetupSubmit }) {
  const { t } = useT();
  const [values, setValues] = useState<SetupValues>({
    organisationName: "",
    username: "",
    password: "",
    passwordRepeat: "",
  });
  const [errors, setErrors] = useState<SetupErrors>({});
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const summaryRef = useRef<HTMLDivElement>(null);

  const set = (field: SetupField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const errorText = (field: SetupField) => {
    const key = errors[field];
    return key ? t(`setup.errors.${key}`) : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (outcome.kind === "submitting") return;
    const found = validateSetup(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Focus the summary so screen-reader users hear what to fix.
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setOutcome({ kind: "submitting" });
    try {
      await onSubmit({
        token,
        organisationName: values.organisationName.trim(),
        username: values.username.trim(),
        password: values.password,
      });
      setValues((v) => ({ ...v, password: "", passwordRepeat: "" }));
      setOutcome({ kind: "done" });
    } catch (error) {
      const message =
        error instanceof SetupUnavailableError
          ? t("setup.unavailable")
          : t("setup.failed", { message: error instanceof ApiError ? error.message : String(error) });
      setOutcome({ kind: "failed", message });
    }
  };

  const errorFields = FIELD_ORDER.filter((field) => errors[field]);

  if (outcome.kind === "done") {
    return (
      <p className="notice notice--success" role="status">
        {t("setup.done")}
      </p>
    );
  }

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
      {outcome.kind === "failed" ? (
        <p className="notice notice--error" role="alert">
          {outcome.message}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" aria-disabled={outcome.kind === "submitting"}>
        {outcome.kind === "submitting" ? t("setup.submitting") : t("setup.submit")}
      </button>
    </form>
  );
}
