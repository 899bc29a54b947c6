// SPDX-License-Identifier: AGPL-3.0-or-later
import { NewPasswordFields } from "./new-password-fields";
import { useState, type FormEvent } from "react";
import { AuthFlowError } from "../auth/auth-error";
import type { AuthStep } from "../auth/flows";
import { loadAccountSecrets, prefetchAuthFlows } from "../auth/lazy-flows";
import { Section } from "../components/page";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import type { AccountSession } from "../keys/session-store";
import { AuthProgress } from "./auth-progress";
import { checkNewPassword, type NewPasswordErrors } from "./new-password";

/**
 * "Passwort ändern": the current password (proved by OPAQUE, never sent) and
 * a new one under the sign-up rules. The keys stay the same, other logins end.
 */
export function PasswordSection({ session }: { session: AccountSession }) {
  const { t } = useT();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<NewPasswordErrors & { current?: string }>({});
  const [step, setStep] = useState<AuthStep | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found: typeof errors = await checkNewPassword(password, repeat, [session.account.username]);
    if (!current) found.current = t("secrets.passwordMissing");
    setErrors(found);
    setOutcome(null);
    if (Object.keys(found).length > 0) {
      const first = found.current ? "password-current" : found.password ? "password-new" : "password-repeat";
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    try {
      const { changePassword } = await loadAccountSecrets();
      const { endedSessions } = await changePassword(
        { session, currentPassword: current, newPassword: password },
        { onStep: setStep },
      );
      setOutcome({
        ok: true,
        text:
          endedSessions > 0
            ? t("secrets.passwordChangedOthers", { count: endedSessions })
            : t("secrets.passwordChanged"),
      });
      setPassword("");
      setRepeat("");
    } catch (error) {
      setOutcome({ ok: false, text: t(`authErrors.${error instanceof AuthFlowError ? error.reason : "crypto"}`) });
    } finally {
      setCurrent("");
      setBusy(false);
    }
  };

  return (
    <Section title={t("secrets.passwordTitle")}>
      <p>{t("secrets.passwordExplain")}</p>
      {outcome ? (
        <p className={outcome.ok ? "notice" : "notice notice--error"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text}
        </p>
      ) : null}
      {busy ? (
        <AuthProgress intro={t("secrets.passwordWorking")} step={step} />
      ) : (
        <form className="form" noValidate onSubmit={(event) => void submit(event)} onFocus={prefetchAuthFlows}>
          <TextField
            id="password-current"
            type="password"
            label={t("secrets.currentPassword")}
            error={errors.current}
            value={current}
            onValue={setCurrent}
            autoComplete="current-password"
            required
          />
          <NewPasswordFields
            ids={{ password: "password-new", repeat: "password-repeat" }}
            label={t("secrets.newPassword")}
            repeatLabel={t("secrets.newPasswordRepeat")}
            errors={errors}
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
          />
          <button type="submit" className="button">
            {t("secrets.passwordSubmit")}
          </button>
        </form>
      )}
    </Section>
  );
}
