// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { CheckboxField } from "../account/checkbox-field";
import { useAction } from "../api/use-action";
import { logOut } from "../auth/flows";
import { Section } from "../components/page";
import type { useTFor } from "../counselling/use-t-for";
import type { MessagingSession } from "../messaging/session";
import { type DeleteField, DeleteErrors, deleteFields } from "./delete-errors";
import { eraseAccount } from "./erase-account";
import { type Check, ErasureNotice } from "./erasure-notice";

type TFn = ReturnType<typeof useTFor>["t"];

/**
 * Deletes the client's account after the password (proved with OPAQUE, as at
 * login), the account name and a confirmation; says what would block it.
 */
export function DeleteAccount(props: {
  messaging: MessagingSession;
  check: Check | null;
  t: TFn;
  onDeleted: () => void;
}) {
  const { messaging, check, t } = props;
  const username = messaging.account.username;
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<DeleteField, string>>>({});
  const erase = useAction(async () => {
    const outcome = await eraseAccount({ api: messaging.api, password, name, username });
    if (outcome === "wrong-password") return outcome;
    props.onDeleted();
    // The server ended every session already; this wipes the keys in memory.
    await logOut();
    return outcome;
  });
  // The server refusing the password is a field error, not a failure of the request.
  const failure =
    erase.error === null || erase.error === "auth_failed"
      ? null
      : erase.error === "erasure_blocked"
        ? t("myData.errors.blocked")
        : t("myData.errors.failed", { code: erase.error });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (erase.pending) return;
    const found: Partial<Record<DeleteField, string>> = {};
    if (password === "") found.password = t("myData.errors.passwordRequired");
    if (name.trim().toLowerCase() !== username.toLowerCase()) found.name = t("myData.errors.nameMismatch");
    if (!confirmed) found.confirm = t("myData.errors.confirmRequired");
    setErrors(found);
    erase.reset();
    const first = deleteFields.find((f) => found[f]);
    if (first) {
      document.getElementById(`delete-${first}`)?.focus();
      return;
    }
    const outcome = await erase.run();
    const wrong = outcome.ok
      ? outcome.value === "wrong-password"
      : "error" in outcome && outcome.error === "auth_failed";
    if (wrong) {
      setErrors({ password: t("myData.errors.wrongPassword") });
      if (outcome.ok) document.getElementById("delete-password")?.focus();
    }
  };

  return (
    <Section title={t("myData.deleteHeading")}>
      <ErasureNotice check={check} t={t} />
      <form className="dsr-form" onSubmit={(e) => void submit(e)} noValidate>
        <DeleteErrors errors={errors} t={t} />
        {failure ? (
          <p className="notice notice--error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className={errors.password ? "field field--invalid" : "field"}>
          <label htmlFor="delete-password">{t("myData.passwordLabel")}</label>
          <p id="delete-password-hint" className="field__hint">
            {t("myData.passwordHint")}
          </p>
          {errors.password ? (
            <p id="delete-password-error" className="field__error">
              {errors.password}
            </p>
          ) : null}
          <input
            id="delete-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "delete-password-hint delete-password-error" : "delete-password-hint"}
          />
        </div>
        <div className={errors.name ? "field field--invalid" : "field"}>
          <label htmlFor="delete-name">{t("myData.nameLabel")}</label>
          <p id="delete-name-hint" className="field__hint">
            {t("myData.nameHint", { name: username })}
          </p>
          {errors.name ? (
            <p id="delete-name-error" className="field__error">
              {errors.name}
            </p>
          ) : null}
          <input
            id="delete-name"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "delete-name-hint delete-name-error" : "delete-name-hint"}
          />
        </div>
        <CheckboxField
          id="delete-confirm"
          label={t("myData.confirmLabel")}
          checked={confirmed}
          onChecked={setConfirmed}
          error={errors.confirm}
        />
        <p>
          <button
            type="submit"
            className="button button--danger"
            aria-disabled={erase.pending || (check !== null && !check.allowed)}
          >
            {erase.pending ? t("myData.deleting") : t("myData.deleteButton")}
          </button>
        </p>
      </form>
    </Section>
  );
}
