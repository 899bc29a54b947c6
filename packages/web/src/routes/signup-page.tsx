// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { AuthProgress } from "../account/auth-progress";
import { RecoveryCodeStep } from "../account/recovery-code-step";
import { SignUpForm, type SignUpFormValues } from "../account/signup-form";
import { AuthFlowError, type AuthFailure } from "../auth/auth-error";
import type { AuthStep } from "../auth/flows";
import { loadAuthFlows, prefetchAuthFlows } from "../auth/lazy-flows";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { safeNext, useQueryParams } from "../counselling/query";
import { Link, useRouter } from "../router/router";

type Stage = { kind: "form" } | { kind: "code" } | { kind: "working"; step: AuthStep | null };

const EMPTY: SignUpFormValues = { username: "", password: "", passwordRepeat: "", wantRecoveryCode: true };

/**
 * Client sign-up: form → (recovery code, shown once and confirmed) → the
 * browser does OPAQUE, key creation and Argon2id → account page. The code is
 * generated when the person asks for it and kept only in this component's
 * state, so going back and forth shows the same code, and leaving the page
 * forgets it.
 */
export function SignUpPage() {
  const { t } = useT();
  const { navigate } = useRouter();
  // From an enquiry: continue there after sign-up (only counselling pages are accepted).
  const next = safeNext(useQueryParams().get("next"));
  const [values, setValues] = useState<SignUpFormValues>(EMPTY);
  const [stage, setStage] = useState<Stage>({ kind: "form" });
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const progressRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (stage.kind === "working") progressRef.current?.focus();
  }, [stage.kind]);

  useEffect(() => {
    if (failure && stage.kind === "form") failureRef.current?.focus();
  }, [failure, stage.kind]);

  const create = async (code: string | undefined) => {
    setFailure(null);
    setStage({ kind: "working", step: null });
    try {
      const { signUp } = await loadAuthFlows();
      await signUp(
        { username: values.username.trim(), password: values.password, recoveryCode: code },
        { onStep: (step) => setStage({ kind: "working", step }) },
      );
      setValues(EMPTY);
      setRecoveryCode(null);
      navigate(next ?? "/account");
    } catch (error) {
      setFailure(error instanceof AuthFlowError ? error.reason : "crypto");
      setStage({ kind: "form" });
    }
  };

  const proceed = async () => {
    if (!values.wantRecoveryCode) {
      void create(undefined);
      return;
    }
    let code = recoveryCode;
    if (!code) {
      try {
        code = (await loadAuthFlows()).generateRecoveryCode();
      } catch (error) {
        setFailure(error instanceof AuthFlowError ? error.reason : "crypto");
        return;
      }
      setRecoveryCode(code);
    }
    setFailure(null);
    setStage({ kind: "code" });
  };

  const failureText = failure ? `${t("signup.failed")} ${t(`authErrors.${failure}`)}` : null;

  return (
    <Page title={t("signup.title")} lead={t("signup.lead")}>
      {stage.kind === "working" ? (
        <AuthProgress ref={progressRef} intro={t("signup.working")} step={stage.step} />
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
          {/* The crypto chunk loads when the person starts filling in the form, not with the page. */}
          <div onFocus={prefetchAuthFlows}>
            <SignUpForm
              values={values}
              onValues={setValues}
              serverError={failure === "name_taken" ? { field: "username", message: t("authErrors.name_taken") } : null}
              onSubmit={() => void proceed()}
            />
          </div>
          <p className="aside-link">
            {t("signup.haveAccount")}{" "}
            <Link to={next ? `/login?next=${encodeURIComponent(next)}` : "/login"}>{t("signup.loginLink")}</Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
