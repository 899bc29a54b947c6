// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MfaStatusView } from "@obhut/protocol";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { getSession } from "../keys/session-store";
import { Link, useRouter } from "../router/router";
import { CodeForm } from "./code-form";
import { CopyField } from "./copy-field";
import {
  confirmTotp,
  getMfaStatus,
  MfaError,
  registerPasskey,
  staffHome,
  startTotpEnrolment,
  toMfaError,
  verifyWithPasskey,
  verifyTotp,
  type MfaFailure,
} from "./mfa-flow";
import { webauthnSupported } from "./webauthn";

// The QR code library loads only when someone enrols an authenticator app.
const TotpQr = lazy(() => import("./totp-qr"));

type View =
  | { kind: "loading" }
  | { kind: "no_session" }
  | { kind: "choose" }
  | { kind: "totp_enrol"; secret: string; otpauthUri: string }
  | { kind: "verify"; status: MfaStatusView };

/**
 * Second factor for staff. Without a confirmed factor (first access): choose
 * an authenticator app or a passkey and enrol it. With one: use it. Success
 * goes to the account page. Status changes are announced in one polite live
 * region; failures in an alert that takes focus.
 */
export function MfaPage() {
  const { t } = useT();
  const { navigate } = useRouter();
  const [view, setView] = useState<View>({ kind: "loading" });
  const [busy, setBusy] = useState<"code" | "passkey" | "enrol" | null>(null);
  const [failure, setFailureState] = useState<MfaFailure | null>(null);
  // Counts failures so the same message twice is announced (and focused) again.
  const [failureCount, setFailureCount] = useState(0);
  const setFailure = (next: MfaFailure | null) => {
    setFailureState(next);
    if (next) setFailureCount((n) => n + 1);
  };
  const [attempt, setAttempt] = useState(0);
  const failureRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The keys live in memory only: without them (reload, new tab) a verified
    // session would be useless, so the password step comes first again.
    const session = getSession();
    if (!session) {
      setView({ kind: "no_session" });
      return;
    }
    if (session.account.kind !== "staff") {
      navigate("/account");
      return;
    }
    let live = true;
    getMfaStatus()
      .then((status) => {
        if (!live) return;
        if (!status.pending) void staffHome(session.account).then((to) => live && navigate(to));
        else if (status.totp || status.passkeys > 0) setView({ kind: "verify", status });
        else setView({ kind: "choose" });
      })
      .catch((error: unknown) => {
        if (!live) return;
        const reason = toMfaError(error).reason;
        if (reason === "not_allowed") setView({ kind: "no_session" });
        else setFailure(reason);
      });
    return () => {
      live = false;
    };
  }, [navigate, attempt]);

  useEffect(() => {
    if (failureCount > 0) failureRef.current?.focus();
  }, [failureCount]);

  useEffect(() => {
    if (view.kind === "totp_enrol") headingRef.current?.focus();
  }, [view.kind]);

  /** Runs one step; true when it worked (then the account page opens). */
  const run = async (what: "code" | "passkey" | "enrol", step: () => Promise<unknown>): Promise<boolean> => {
    if (busy) return false;
    setBusy(what);
    setFailure(null);
    try {
      await step();
      navigate(await staffHome(getSession()?.account ?? { kind: "staff" }));
      return true;
    } catch (error) {
      const reason = error instanceof MfaError ? error.reason : toMfaError(error).reason;
      setFailure(reason);
      if (reason === "not_allowed") setView({ kind: "no_session" });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const beginTotp = async () => {
    if (busy) return;
    setBusy("enrol");
    setFailure(null);
    try {
      const { secret, otpauthUri } = await startTotpEnrolment();
      setView({ kind: "totp_enrol", secret, otpauthUri });
    } catch (error) {
      setFailure(toMfaError(error).reason);
    } finally {
      setBusy(null);
    }
  };

  const passkeys = webauthnSupported();
  const statusText =
    busy === "passkey"
      ? t("mfa.passkeyWorking")
      : busy
        ? t("mfa.working")
        : view.kind === "loading" && !failure
          ? t("mfa.loading")
          : "";

  return (
    <Page title={t("mfa.title")} lead={t("mfa.lead")}>
      <p className="mfa-status" role="status" aria-live="polite">
        {statusText}
      </p>
      {failure ? (
        <div key={failureCount} className="notice notice--error" role="alert" tabIndex={-1} ref={failureRef}>
          <p>{t(`mfa.errors.${failure}`)}</p>
          {view.kind === "loading" ? (
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
              {t("mfa.retry")}
            </button>
          ) : null}
        </div>
      ) : null}

      {view.kind === "no_session" ? (
        <>
          <p className="notice">{t("mfa.noSession")}</p>
          <p>
            <Link to="/staff" className="button button--primary">
              {t("mfa.loginLink")}
            </Link>
          </p>
        </>
      ) : null}

      {view.kind === "choose" ? (
        <Section title={t("mfa.chooseTitle")}>
          <p>{t("mfa.chooseIntro")}</p>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => void beginTotp()}>
              {t("mfa.chooseTotp")}
            </button>
            {passkeys ? (
              <button type="button" className="button" onClick={() => void run("passkey", () => registerPasskey())}>
                {t("mfa.choosePasskey")}
              </button>
            ) : null}
          </div>
          {passkeys ? <p>{t("mfa.passkeyIntro")}</p> : null}
        </Section>
      ) : null}

      {view.kind === "totp_enrol" ? (
        <section className="section">
          <h2 ref={headingRef} tabIndex={-1}>
            {t("mfa.totpTitle")}
          </h2>
          <p>{t("mfa.totpIntro")}</p>
          <p>{t("mfa.totpQr")}</p>
          <Suspense fallback={null}>
            <TotpQr uri={view.otpauthUri} alt={t("mfa.totpQrAlt")} />
          </Suspense>
          <CopyField id="mfa-secret" label={t("mfa.secretLabel")} value={view.secret} />
          <CopyField id="mfa-uri" label={t("mfa.uriLabel")} value={view.otpauthUri} />
          <CodeForm
            id="mfa-confirm-code"
            submitLabel={t("mfa.confirm")}
            busy={busy !== null}
            onCode={(code) => run("code", () => confirmTotp(code))}
          />
          <button type="button" className="button" onClick={() => setView({ kind: "choose" })}>
            {t("mfa.back")}
          </button>
        </section>
      ) : null}

      {view.kind === "verify" ? (
        <Section title={t("mfa.verifyTitle")}>
          {view.status.totp ? (
            <CodeForm
              id="mfa-verify-code"
              submitLabel={t("mfa.verify")}
              busy={busy !== null}
              onCode={(code) => run("code", () => verifyTotp(code))}
            />
          ) : null}
          {view.status.passkeys > 0 && passkeys ? (
            <p>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void run("passkey", () => verifyWithPasskey())}
              >
                {t("mfa.passkeyUse")}
              </button>
            </p>
          ) : null}
        </Section>
      ) : null}
    </Page>
  );
}
