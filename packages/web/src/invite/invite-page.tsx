// SPDX-License-Identifier: AGPL-3.0-or-later
import { generateRecoveryCode } from "@obhut/crypto";
import { useEffect, useRef, useState } from "react";
import { AuthProgress } from "../account/auth-progress";
import { RecoveryCodeStep } from "../account/recovery-code-step";
import { AuthFlowError, type AuthFailure } from "../auth/auth-error";
import type { AuthStep } from "../auth/flows";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { pathAfterStaffLogin } from "../mfa/mfa-flow";
import { useRouter } from "../router/router";
import { tokenFromHash } from "../routes/setup/validate";
import { InviteForm, type InviteValues } from "./invite-form";
import {
  inviteVerifyFailure,
  signUpInvited,
  verifyInvitation,
  type InvitationPreview,
  type InviteVerifyState,
} from "./invite-flow";

const TOKEN = /^[A-Za-z0-9_-]{20,128}$/;
const EMPTY: InviteValues = { displayName: "", username: "", password: "", passwordRepeat: "" };
const KNOWN_ROLES = ["counsellor", "org_admin", "dpo", "report_office"] as const;

type Check = { kind: "no_token" } | { kind: "checking" } | { kind: "failed"; why: InviteVerifyState };
type Stage = { kind: "form" } | { kind: "code" } | { kind: "working"; step: AuthStep | null };

/**
 * `/invite#token=…`: checks the link, then name + password, the recovery
 * code (shown once, mandatory for staff), the sign-up in the browser, and
 * on to the second factor. The token is read from the fragment and removed
 * from the address bar at once (like the setup link).
 */
export function InvitePage() {
  const { t, i18n } = useT();
  const { navigate } = useRouter();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [check, setCheck] = useState<Check>(() => (token ? { kind: "checking" } : { kind: "no_token" }));
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [values, setValues] = useState<InviteValues>(EMPTY);
  const [stage, setStage] = useState<Stage>({ kind: "form" });
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const progressRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  useEffect(() => {
    if (!token) return;
    if (!TOKEN.test(token)) {
      setCheck({ kind: "failed", why: "invalid" });
      return;
    }
    const controller = new AbortController();
    verifyInvitation(token, { signal: controller.signal })
      .then(setPreview)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setCheck({ kind: "failed", why: inviteVerifyFailure(error) });
      });
    return () => controller.abort();
  }, [token]);

  useEffect(() => {
    if (stage.kind === "working") progressRef.current?.focus();
  }, [stage.kind]);

  useEffect(() => {
    if (failure && stage.kind === "form") failureRef.current?.focus();
  }, [failure, stage.kind]);

  const create = async (code: string) => {
    if (!token || !preview) return;
    setFailure(null);
    setStage({ kind: "working", step: null });
    try {
      const session = await signUpInvited(
        {
          token,
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password,
          recoveryCode: code,
          preview,
        },
        { onStep: (step) => setStage({ kind: "working", step }) },
      );
      setValues(EMPTY);
      setRecoveryCode(null);
      navigate(await pathAfterStaffLogin(session.account));
    } catch (error) {
      setFailure(error instanceof AuthFlowError ? error.reason : "crypto");
      setStage({ kind: "form" });
    }
  };

  const proceed = () => {
    let code = recoveryCode;
    if (!code) {
      try {
        code = generateRecoveryCode();
      } catch {
        setFailure("crypto");
        return;
      }
      setRecoveryCode(code);
    }
    setFailure(null);
    setStage({ kind: "code" });
  };

  if (!preview) {
    return (
      <Page title={t("invite.title")} lead={t("invite.lead")}>
        <div className="setup-status">
          {check.kind === "checking" ? <p role="status">{t("invite.checking")}</p> : null}
          {check.kind === "no_token" ? (
            <p className="notice notice--error" role="alert">
              {t("invite.noToken")}
            </p>
          ) : null}
          {check.kind === "failed" ? (
            <p className="notice notice--error" role="alert">
              {t(
                check.why === "invalid"
                  ? "invite.invalid"
                  : check.why === "rate_limited"
                    ? "invite.rateLimited"
                    : "invite.network",
              )}
            </p>
          ) : null}
        </div>
      </Page>
    );
  }

  const role = (KNOWN_ROLES as readonly string[]).includes(preview.role)
    ? t(`invite.roles.${preview.role as (typeof KNOWN_ROLES)[number]}`)
    : t("invite.roles.other");
  const until = new Date(preview.expiresAt).toLocaleString(i18n.language, { dateStyle: "long", timeStyle: "short" });
  const failureText = failure ? `${t("invite.failed")} ${t(`authErrors.${failure}`)}` : null;

  return (
    <Page title={t("invite.title")} lead={t("invite.lead")}>
      {stage.kind === "form" ? (
        <p className="notice notice--success" role="status">
          {t("invite.valid", { org: preview.organisationName, role, until })}
        </p>
      ) : null}
      {preview.needsGenesis && stage.kind === "form" ? <p>{t("invite.genesisNote")}</p> : null}
      {stage.kind === "working" ? (
        <AuthProgress ref={progressRef} intro={t("invite.working")} step={stage.step} />
      ) : null}
      {stage.kind === "code" && recoveryCode ? (
        <RecoveryCodeStep
          code={recoveryCode}
          onConfirm={() => void create(recoveryCode)}
          onBack={() => setStage({ kind: "form" })}
        />
      ) : null}
      {stage.kind === "form" ? (
        <>
          {failureText ? (
            <div className="notice notice--error" role="alert" tabIndex={-1} ref={failureRef}>
              <p>{failureText}</p>
            </div>
          ) : null}
          <InviteForm
            values={values}
            onValues={setValues}
            serverError={failure === "name_taken" ? { field: "username", message: t("authErrors.name_taken") } : null}
            onSubmit={proceed}
          />
        </>
      ) : null}
    </Page>
  );
}
