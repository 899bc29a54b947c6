// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef } from "react";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { confirmTotp, registerPasskey, verifyTotp, verifyWithPasskey } from "./mfa-flow";
import { ChooseFactor, NoSession, TotpEnrol, VerifyFactor } from "./mfa-steps";
import { useMfa } from "./use-mfa";
import { webauthnSupported } from "./webauthn";

/**
 * Second factor for staff. Without a confirmed factor (first access): choose
 * an authenticator app or a passkey and enrol it. With one: use it. Success
 * goes to the account page. Status changes are announced in one polite live
 * region; failures in an alert that takes focus.
 */
export function MfaPage() {
  const { t } = useT();
  const { view, busy, failure, run, beginTotp, retry, choose } = useMfa();
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

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
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={failureRef}>
          <p>{t(`mfa.errors.${failure}`)}</p>
          {view.kind === "loading" ? (
            <button type="button" className="button" onClick={retry}>
              {t("mfa.retry")}
            </button>
          ) : null}
        </div>
      ) : null}

      {view.kind === "no_session" ? <NoSession /> : null}

      {view.kind === "choose" ? (
        <ChooseFactor
          passkeys={passkeys}
          onTotp={() => void beginTotp()}
          onPasskey={() => void run("passkey", () => registerPasskey())}
        />
      ) : null}

      {view.kind === "totp_enrol" ? (
        <TotpEnrol
          secret={view.secret}
          otpauthUri={view.otpauthUri}
          busy={busy !== null}
          onCode={(code) => run("code", () => confirmTotp(code))}
          onBack={choose}
        />
      ) : null}

      {view.kind === "verify" ? (
        <VerifyFactor
          status={view.status}
          passkeys={passkeys}
          busy={busy !== null}
          onCode={(code) => run("code", () => verifyTotp(code))}
          onPasskey={() => void run("passkey", () => verifyWithPasskey())}
        />
      ) : null}
    </Page>
  );
}
