// SPDX-License-Identifier: AGPL-3.0-or-later
import { NewPasswordFields } from "../account/new-password-fields";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { AuthProgress } from "../account/auth-progress";
import { checkNewPassword, type NewPasswordErrors } from "../account/new-password";
import { AuthFlowError } from "../auth/auth-error";
import type { AuthStep } from "../auth/flows";
import { loadAccountSecrets, prefetchAuthFlows } from "../auth/lazy-flows";
import { Page, Section } from "../components/page";
import { TextField } from "../components/text-field";
import { safeNext, useQueryParams } from "../counselling/query";
import { useT } from "../i18n/use-t";
import { pathAfterStaffLogin } from "../mfa/mfa-flow";
import { Link, useRouter } from "../router/router";

/**
 * "Passwort vergessen?": name + recovery code + a new password. The code
 * opens the keys in this browser; the server learns neither code nor
 * password. Afterwards the person is logged in with the whole history.
 * A wrong code and an unknown name get the same message.
 */
export function RecoverPage() {
  const { t } = useT();
  const { navigate } = useRouter();
  const next = safeNext(useQueryParams().get("next"));
  const [username, setUsername] = useState("");
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<NewPasswordErrors & { code?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<AuthStep | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const progressRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (busy) progressRef.current?.focus();
  }, [busy]);
  useEffect(() => {
    if (attempt > 0) messageRef.current?.focus();
  }, [attempt]);

  const fail = (text: string) => {
    setMessage(text);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !code.trim()) return fail(t("recover.missing"));
    const secrets = await loadAccountSecrets().catch(() => null);
    if (!secrets) return fail(t("authErrors.network"));
    const found: typeof errors = await checkNewPassword(password, repeat, [username]);
    if (!secrets.recoveryCodeLooksValid(code)) found.code = t("authErrors.recovery_typo");
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage(null);
      document
        .getElementById(found.code ? "recover-code" : found.password ? "recover-password" : "recover-repeat")
        ?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const session = await secrets.recoverAccount(
        { username: username.trim(), recoveryCode: code, newPassword: password },
        { onStep: setStep },
      );
      // Staff go where a login takes them (a session may still owe its second factor).
      navigate(session.account.kind === "client" ? (next ?? "/cases") : await pathAfterStaffLogin(session.account));
    } catch (error) {
      setBusy(false);
      setPassword("");
      setRepeat("");
      fail(t(`authErrors.${error instanceof AuthFlowError ? error.reason : "crypto"}`));
    }
  };

  return (
    <Page title={t("recover.title")} lead={t("recover.lead")}>
      {busy ? (
        <AuthProgress ref={progressRef} intro={t("recover.working")} step={step} />
      ) : (
        <form className="form" noValidate onSubmit={(event) => void submit(event)} onFocus={prefetchAuthFlows}>
          {message ? (
            <p className="notice notice--error" role="alert" tabIndex={-1} ref={messageRef}>
              {message}
            </p>
          ) : null}
          <TextField
            id="recover-username"
            label={t("recover.username")}
            value={username}
            onValue={setUsername}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
          <TextField
            id="recover-code"
            label={t("recover.code")}
            hint={t("recover.codeHint")}
            error={errors.code}
            value={code}
            onValue={setCode}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
          />
          <NewPasswordFields
            ids={{ password: "recover-password", repeat: "recover-repeat" }}
            label={t("recover.newPassword")}
            repeatLabel={t("recover.newPasswordRepeat")}
            errors={errors}
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
          />
          <button type="submit" className="button button--primary">
            {t("recover.submit")}
          </button>
        </form>
      )}
      <Section title={t("recover.noCodeTitle")}>
        <p>{t("recover.noCode")}</p>
      </Section>
      <p className="aside-link">
        <Link to={next ? `/login?next=${encodeURIComponent(next)}` : "/login"}>{t("recover.back")}</Link>
      </p>
    </Page>
  );
}
