// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent } from "react";
import { AuthProgress } from "../account/auth-progress";
import { ApiError } from "../api/client";
import { AuthFlowError } from "../auth/auth-error";
import type { AuthStep } from "../auth/flows";
import { Page } from "../components/page";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { pathAfterStaffLogin } from "../mfa/mfa-flow";
import { useRouter } from "../router/router";
import { finishSsoCallback, LINK_CHANNEL, readCallbackParams, unlockAfterSso, type LinkMessage } from "./sso-flow";

type Phase =
  | { kind: "checking" }
  | { kind: "failed"; messageKey: "sso.failed" | "sso.notLinked" | "sso.noAccess" | "sso.link.taken" }
  | { kind: "password"; username: string }
  | { kind: "linked" };

/**
 * Where the identity provider sends the browser back. The query goes to the
 * server once (the state is single use); then the person enters their key
 * password, which unlocks the keys — SSO alone never does.
 */
export function SsoCallbackPage() {
  const { t } = useT();
  const { navigate } = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "checking" });
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<AuthStep | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const sent = useRef(false);
  const [seen, setSeen] = useState(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const params = readCallbackParams(window.location.search);
    // The code must not stay in the address bar or the history.
    window.history.replaceState(null, "", window.location.pathname);
    if (!params || "error" in params) {
      setPhase({ kind: "failed", messageKey: "sso.failed" });
      return;
    }
    finishSsoCallback(params)
      .then((r) => setPhase(r.status === "linked" ? { kind: "linked" } : { kind: "password", username: r.username }))
      .catch((error: unknown) => {
        const code = error instanceof ApiError ? error.code : "";
        const key =
          code === "sso_not_linked"
            ? "sso.notLinked"
            : code === "forbidden"
              ? "sso.noAccess"
              : code === "conflict"
                ? "sso.link.taken"
                : "sso.failed";
        setPhase({ kind: "failed", messageKey: key });
      });
  }, []);

  // A link started in a pop-up: tell the account page, which answers; then this window has done its job.
  useEffect(() => {
    if (phase.kind !== "linked" || typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(LINK_CHANNEL);
    channel.onmessage = (event: MessageEvent<LinkMessage>) => {
      if (event.data !== "seen") return;
      setSeen(true);
      window.close();
    };
    channel.postMessage("linked" satisfies LinkMessage);
    return () => channel.close();
  }, [phase.kind]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !password) return;
    setBusy(true);
    setMessage(null);
    try {
      const session = await unlockAfterSso(password, { onStep: setStep });
      navigate(await pathAfterStaffLogin(session.account));
    } catch (error) {
      setMessage(t(`authErrors.${error instanceof AuthFlowError ? error.reason : "crypto"}`));
      setPassword("");
      setBusy(false);
    }
  };

  return (
    <Page title={t("sso.callbackTitle")} lead={t("sso.callbackLead")}>
      {phase.kind === "checking" ? <p role="status">{t("sso.checking")}</p> : null}
      {phase.kind === "failed" ? (
        <>
          <p className="notice notice--error" role="alert">
            {t(phase.messageKey)}
          </p>
          <p>
            <a href="/staff">{t("sso.backToLogin")}</a>
          </p>
        </>
      ) : null}
      {phase.kind === "linked" ? (
        <>
          <p className="notice" role="status">
            {t("sso.linked")}
          </p>
          {seen ? (
            <p>{t("sso.link.closeWindow")}</p>
          ) : (
            <p>
              {t("sso.link.afterRedirect")} <a href="/staff">{t("sso.backToLogin")}</a>
            </p>
          )}
        </>
      ) : null}
      {phase.kind === "password" && busy ? <AuthProgress intro={t("staff.submitting")} step={step} /> : null}
      {phase.kind === "password" && !busy ? (
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          <p>{t("sso.passwordLead", { username: phase.username })}</p>
          {message ? (
            <p className="notice notice--error" role="alert">
              {message}
            </p>
          ) : null}
          <input type="hidden" name="username" autoComplete="username" value={phase.username} readOnly />
          <TextField
            id="sso-password"
            type="password"
            label={t("staff.password")}
            value={password}
            onValue={setPassword}
            autoComplete="current-password"
            required
          />
          <button type="submit" className="button button--primary">
            {t("sso.unlock")}
          </button>
        </form>
      ) : null}
    </Page>
  );
}
