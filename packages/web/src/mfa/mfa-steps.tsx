// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MfaStatusView } from "@obhut/protocol";
import { lazy, Suspense, useEffect, useRef } from "react";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { CodeForm } from "./code-form";
import { CopyField } from "./copy-field";

// The QR code library loads only when someone enrols an authenticator app.
const TotpQr = lazy(() => import("./totp-qr"));

/** The keys are gone (reload, new tab): back to the password step. */
export function NoSession() {
  const { t } = useT();
  return (
    <>
      <p className="notice">{t("mfa.noSession")}</p>
      <p>
        <Link to="/staff" className="button button--primary">
          {t("mfa.loginLink")}
        </Link>
      </p>
    </>
  );
}

/** First access without a factor: an authenticator app, or a passkey where the browser has them. */
export function ChooseFactor({
  passkeys,
  onTotp,
  onPasskey,
}: {
  passkeys: boolean;
  onTotp: () => void;
  onPasskey: () => void;
}) {
  const { t } = useT();
  return (
    <Section title={t("mfa.chooseTitle")}>
      <p>{t("mfa.chooseIntro")}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onTotp}>
          {t("mfa.chooseTotp")}
        </button>
        {passkeys ? (
          <button type="button" className="button" onClick={onPasskey}>
            {t("mfa.choosePasskey")}
          </button>
        ) : null}
      </div>
      {passkeys ? <p>{t("mfa.passkeyIntro")}</p> : null}
    </Section>
  );
}

/** Enrolling an authenticator app: QR code, secret and URI to copy, then the first code confirms it. */
export function TotpEnrol({
  secret,
  otpauthUri,
  busy,
  onCode,
  onBack,
}: {
  secret: string;
  otpauthUri: string;
  busy: boolean;
  onCode: (code: string) => Promise<boolean>;
  onBack: () => void;
}) {
  const { t } = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className="section">
      <h2 ref={headingRef} tabIndex={-1}>
        {t("mfa.totpTitle")}
      </h2>
      <p>{t("mfa.totpIntro")}</p>
      <p>{t("mfa.totpQr")}</p>
      <Suspense fallback={null}>
        <TotpQr uri={otpauthUri} alt={t("mfa.totpQrAlt")} />
      </Suspense>
      <CopyField id="mfa-secret" label={t("mfa.secretLabel")} value={secret} />
      <CopyField id="mfa-uri" label={t("mfa.uriLabel")} value={otpauthUri} />
      <CodeForm id="mfa-confirm-code" submitLabel={t("mfa.confirm")} busy={busy} onCode={onCode} />
      <button type="button" className="button" onClick={onBack}>
        {t("mfa.back")}
      </button>
    </section>
  );
}

/** A confirmed factor: a code from the app, or the passkey. */
export function VerifyFactor({
  status,
  passkeys,
  busy,
  onCode,
  onPasskey,
}: {
  status: MfaStatusView;
  passkeys: boolean;
  busy: boolean;
  onCode: (code: string) => Promise<boolean>;
  onPasskey: () => void;
}) {
  const { t } = useT();
  return (
    <Section title={t("mfa.verifyTitle")}>
      {status.totp ? <CodeForm id="mfa-verify-code" submitLabel={t("mfa.verify")} busy={busy} onCode={onCode} /> : null}
      {status.passkeys > 0 && passkeys ? (
        <p>
          <button type="button" className="button button--primary" onClick={onPasskey}>
            {t("mfa.passkeyUse")}
          </button>
        </p>
      ) : null}
    </Section>
  );
}
