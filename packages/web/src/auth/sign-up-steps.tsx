// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReactNode } from "react";
import { AuthProgress } from "../account/auth-progress";
import { useT } from "../i18n/use-t";
import { RecoveryCodeStep } from "./recovery-code-step";
import type { SignUpServerError } from "./sign-up-fields";
import type { SignUpSteps } from "./use-sign-up-steps";

/**
 * What client sign-up and invitations show for each step of
 * `useSignUpSteps`: the progress panel, the recovery code, or the form
 * under the reason the last attempt failed.
 */
export function SignUpStepsView({
  steps,
  workingText,
  failedText,
  codeSubmitText,
  children,
}: {
  steps: SignUpSteps;
  workingText: string;
  /** The recovery-code step's button, where "create account" would be wrong (a reset). */
  codeSubmitText?: string;
  /** Put before the reason of a failure ("The account was not created."). */
  failedText: string;
  /** The form, given the field error of the last attempt. */
  children: (serverError: SignUpServerError | null) => ReactNode;
}) {
  const { t } = useT();
  const { stage, recoveryCode, failure } = steps;

  if (stage.kind === "working") {
    return <AuthProgress ref={steps.progressRef} intro={workingText} step={stage.step} />;
  }
  if (stage.kind === "code") {
    return recoveryCode ? (
      <RecoveryCodeStep
        code={recoveryCode}
        ids={{ title: "recovery-code-title", confirm: "signup-code-confirm" }}
        texts={{
          title: t("signup.codeTitle"),
          intro: t("signup.codeIntro"),
          listLabel: t("signup.codeListLabel"),
          warning: t("signup.codeLoss"),
          confirm: t("signup.codeConfirm"),
          confirmMissing: t("signup.codeConfirmMissing"),
          submit: codeSubmitText ?? t("signup.codeSubmit"),
          back: t("signup.back"),
        }}
        onConfirm={() => void steps.run(recoveryCode)}
        onBack={steps.backToForm}
      />
    ) : null;
  }
  return (
    <>
      {failure ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={steps.failureRef}>
          <p>{`${failedText} ${t(`authErrors.${failure}`)}`}</p>
        </div>
      ) : null}
      {children(failure === "name_taken" ? { field: "username", message: t("authErrors.name_taken") } : null)}
    </>
  );
}
