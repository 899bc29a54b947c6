// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef } from "react";
import { useT } from "../../i18n/use-t";
import type { SetupDeps } from "../../setup-crypto/complete-setup";
import { SetupDone } from "./setup-done";
import { SetupForm } from "./setup-form";
import { SetupProgress } from "./setup-progress";
import { SetupRecoveryStep } from "./setup-recovery-step";
import { SetupInterrupted, SetupStopped } from "./setup-stopped";
import { useSetupSteps } from "./use-setup-steps";

/**
 * The setup flow after the link was verified: form → recovery code (shown
 * once, confirmed) → the browser makes and checks every key → one final
 * request → login → fingerprint (the steps are in use-setup-steps.ts).
 */
export function SetupWizard({
  token,
  deps = {},
  onSettled,
}: {
  token: string;
  deps?: SetupDeps;
  /** Called when setup is done or cannot continue with this link. */
  onSettled?: () => void;
}) {
  const { t } = useT();
  const { values, setValues, stage, recoveryCode, failure, toCode, run, backToForm } = useSetupSteps(token, deps);
  const progressRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (stage.kind === "working") progressRef.current?.focus();
    if (stage.kind === "interrupted" || stage.kind === "stopped") panelRef.current?.focus();
    if (stage.kind === "form" && failure === "name_taken") document.getElementById("setup-username")?.focus();
  }, [stage.kind, failure]);

  const settled = stage.kind === "done" || stage.kind === "stopped";
  useEffect(() => {
    if (settled) onSettled?.();
  }, [settled, onSettled]);

  switch (stage.kind) {
    case "working":
      return <SetupProgress ref={progressRef} step={stage.step} />;
    case "done":
      return <SetupDone result={stage.result} organisationName={stage.organisationName} username={stage.username} />;
    case "stopped":
      return <SetupStopped ref={panelRef} reason={stage.reason} />;
    case "interrupted":
      return <SetupInterrupted ref={panelRef} onRetry={() => void run()} />;
    case "code":
      return recoveryCode ? (
        <SetupRecoveryStep
          code={recoveryCode}
          failure={failure ? t(`setupFlow.failures.${failure}`) : null}
          onConfirm={() => void run()}
          onBack={backToForm}
        />
      ) : null;
    case "form":
      return (
        <SetupForm
          values={values}
          onValues={setValues}
          serverError={
            failure === "name_taken" ? { field: "username", message: t("setupFlow.failures.name_taken") } : null
          }
          onSubmit={toCode}
        />
      );
  }
}
