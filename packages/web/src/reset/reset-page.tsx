// SPDX-License-Identifier: AGPL-3.0-or-later
import { generateRecoveryCode } from "@obhut/crypto";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { NewPasswordFields } from "../account/new-password-fields";
import { checkNewPassword, type NewPasswordErrors } from "../account/new-password";
import { AuthFlowError } from "../auth/auth-error";
import { SignUpStepsView } from "../auth/sign-up-steps";
import { useSignUpSteps } from "../auth/use-sign-up-steps";
import { FingerprintGroups } from "../components/fingerprint";
import { Page, Section } from "../components/page";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { inviteVerifyFailure, type InviteVerifyState } from "../invite/invite-flow";
import type { AccountSession } from "../keys/session-store";
import { pathAfterStaffLogin } from "../mfa/mfa-flow";
import { useRouter } from "../router/router";
import { isWellFormedLinkToken, tokenFromHash } from "../routes/setup/validate";
import { redeemReset, verifyReset, type ResetPreview } from "./reset-flow";

type Check =
  | { kind: "no_token" }
  | { kind: "checking" }
  | { kind: "failed"; why: InviteVerifyState }
  | { kind: "valid"; token: string; preview: ResetPreview };

const FAILED_TEXT = {
  invalid: "accountReset.invalid",
  rate_limited: "accountReset.rateLimited",
  network: "accountReset.network",
} as const;

/**
 * `/reset#token=…`: the page behind the link an administrator hands to a
 * staff member who lost password and recovery code (admin console, "Zugang
 * zurücksetzen"). The link is checked first and leaves the address bar at
 * once (like an invitation); then a new password, the new recovery code,
 * new keys made here, and the fingerprint the administrator compares before
 * certifying the new keys.
 */
export function ResetPage() {
  const { t } = useT();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [check, setCheck] = useState<Check>(() => (token ? { kind: "checking" } : { kind: "no_token" }));

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  useEffect(() => {
    if (!token) return;
    if (!isWellFormedLinkToken(token)) {
      setCheck({ kind: "failed", why: "invalid" });
      return;
    }
    const controller = new AbortController();
    verifyReset(token, { signal: controller.signal })
      .then((preview) => setCheck({ kind: "valid", token, preview }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setCheck({ kind: "failed", why: inviteVerifyFailure(error) });
      });
    return () => controller.abort();
  }, [token]);

  return (
    <Page title={t("accountReset.title")} lead={t("accountReset.lead")}>
      {check.kind === "valid" ? (
        <ResetSteps token={check.token} preview={check.preview} />
      ) : (
        <div className="setup-status">
          {check.kind === "checking" ? <p role="status">{t("accountReset.checking")}</p> : null}
          {check.kind === "no_token" ? (
            <p className="notice notice--error" role="alert">
              {t("accountReset.noToken")}
            </p>
          ) : null}
          {check.kind === "failed" ? (
            <p className="notice notice--error" role="alert">
              {t(FAILED_TEXT[check.why])}
            </p>
          ) : null}
        </div>
      )}
    </Page>
  );
}

interface Values {
  password: string;
  passwordRepeat: string;
}

const EMPTY: Values = { password: "", passwordRepeat: "" };

function ResetSteps({ token, preview }: { token: string; preview: ResetPreview }) {
  const { t, i18n } = useT();
  const [session, setSession] = useState<AccountSession | null>(null);
  const steps = useSignUpSteps({
    empty: EMPTY,
    newRecoveryCode: generateRecoveryCode,
    create: async (values, recoveryCode, onStep) => {
      // The form only leads on to the code step, which always passes the code: fail closed all the same.
      if (recoveryCode === undefined) throw new AuthFlowError("crypto");
      return redeemReset({ token, username: preview.username, password: values.password, recoveryCode }, { onStep });
    },
    done: setSession,
  });

  if (session) return <ResetDone session={session} />;
  const until = new Date(preview.expiresAt).toLocaleString(i18n.language, { dateStyle: "long", timeStyle: "short" });
  return (
    <>
      {steps.stage.kind === "form" ? (
        <>
          <p className="notice notice--success" role="status">
            {t("accountReset.valid", { username: preview.username, org: preview.organisationName, until })}
          </p>
          <Section title={t("accountReset.whatTitle")}>
            <ul>
              <li>{t("accountReset.what.keys")}</li>
              <li>{t("accountReset.what.old")}</li>
              <li>{t("accountReset.what.signed")}</li>
              <li>{t("accountReset.what.confirm")}</li>
            </ul>
          </Section>
        </>
      ) : null}
      <SignUpStepsView
        steps={steps}
        workingText={t("accountReset.working")}
        failedText={t("accountReset.failed")}
        codeSubmitText={t("accountReset.codeSubmit")}
      >
        {() => (
          <NewPasswordForm
            preview={preview}
            values={steps.values}
            onValues={steps.setValues}
            onSubmit={() => void steps.showCode()}
          />
        )}
      </SignUpStepsView>
    </>
  );
}

/** The login name (for password managers, not editable) and the new password twice, checked as at sign-up. */
function NewPasswordForm({
  preview,
  values,
  onValues,
  onSubmit,
}: {
  preview: ResetPreview;
  values: Values;
  onValues: (values: Values) => void;
  onSubmit: () => void;
}) {
  const { t } = useT();
  const [errors, setErrors] = useState<NewPasswordErrors>({});

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = await checkNewPassword(values.password, values.passwordRepeat, [
      preview.username,
      preview.organisationName,
    ]);
    setErrors(found);
    if (found.password || found.passwordRepeat) {
      document.getElementById(found.password ? "reset-password" : "reset-repeat")?.focus();
      return;
    }
    onSubmit();
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <TextField
        id="reset-username"
        label={t("accountReset.username")}
        value={preview.username}
        onValue={() => {}}
        readOnly
        autoComplete="username"
      />
      <NewPasswordFields
        ids={{ password: "reset-password", repeat: "reset-repeat" }}
        label={t("accountReset.newPassword")}
        repeatLabel={t("accountReset.newPasswordRepeat")}
        errors={errors}
        password={values.password}
        repeat={values.passwordRepeat}
        onPassword={(password) => onValues({ ...values, password })}
        onRepeat={(passwordRepeat) => onValues({ ...values, passwordRepeat })}
      />
      <p>{t("accountReset.recoveryNote")}</p>
      <button type="submit" className="button button--primary">
        {t("accountReset.submit")}
      </button>
    </form>
  );
}

/** Logged in with the new keys: the fingerprint to read to the administrator, then on to where a login leads. */
function ResetDone({ session }: { session: AccountSession }) {
  const { t } = useT();
  const { navigate } = useRouter();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="section" aria-labelledby="reset-done-heading">
      <h2 id="reset-done-heading" tabIndex={-1} ref={headingRef}>
        {t("accountReset.doneTitle")}
      </h2>
      <p>{t("accountReset.done")}</p>
      <FingerprintGroups signingKey={session.keys.signing.publicKey} label={t("accountReset.fingerprintLabel")} />
      <p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void pathAfterStaffLogin(session.account).then(navigate)}
        >
          {t("accountReset.continue")}
        </button>
      </p>
    </section>
  );
}
