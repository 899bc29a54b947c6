// SPDX-License-Identifier: AGPL-3.0-or-later
import { generateRecoveryCode } from "@obhut/crypto";
import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n/use-t";
import {
  prepareSetup,
  sendSetup,
  type PreparedSetup,
  type SetupDeps,
  type SetupResult,
  type SetupStep,
} from "../../setup-crypto/complete-setup";
import { SetupFlowError, type SetupFailure } from "../../setup-crypto/setup-error";
import { RecoveryStep } from "./recovery-step";
import { SetupDone } from "./setup-done";
import { SetupForm } from "./setup-form";
import { SetupProgress } from "./setup-progress";
import type { SetupValues } from "./validate";

type Stage =
  | { kind: "form" }
  | { kind: "code" }
  | { kind: "working"; step: SetupStep | null }
  /** The final request may or may not have arrived; the prepared request is kept for a resend. */
  | { kind: "interrupted" }
  /** Nothing more can be done with this link. */
  | { kind: "stopped"; reason: SetupFailure }
  | { kind: "done"; result: SetupResult; organisationName: string; username: string };

const EMPTY: SetupValues = { organisationName: "", displayName: "", username: "", password: "", passwordRepeat: "" };
const TERMINAL: readonly SetupFailure[] = ["link_invalid", "already_done"];

/**
 * The setup flow after the link was verified: form → recovery code (shown
 * once, confirmed) → the browser makes and checks every key → one final
 * request → login → fingerprint. The password and recovery code exist only
 * in this component's state and are dropped on success.
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
  const [values, setValues] = useState<SetupValues>(EMPTY);
  const [stage, setStage] = useState<Stage>({ kind: "form" });
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [failure, setFailure] = useState<SetupFailure | null>(null);
  // Kept only after an interrupted final request, so "send again" resends the very same setup.
  const prepared = useRef<PreparedSetup | null>(null);
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

  const toCode = () => {
    if (!recoveryCode) {
      try {
        setRecoveryCode(generateRecoveryCode());
      } catch {
        setFailure("crypto");
        return;
      }
    }
    setFailure(null);
    setStage({ kind: "code" });
  };

  const run = async () => {
    if (!recoveryCode || stage.kind === "working") return;
    const retry = prepared.current !== null;
    setFailure(null);
    const onStep = (step: SetupStep) => setStage({ kind: "working", step });
    setStage({ kind: "working", step: null });
    const input = {
      token,
      organisationName: values.organisationName.trim(),
      displayName: values.displayName.trim(),
      username: values.username.trim(),
      password: values.password,
      recoveryCode,
    };
    try {
      prepared.current ??= await prepareSetup(input, { ...deps, onStep });
      const result = await sendSetup(prepared.current, values.password, { ...deps, onStep, retry });
      prepared.current = null;
      setValues(EMPTY);
      setRecoveryCode(null);
      setStage({ kind: "done", result, organisationName: input.organisationName, username: input.username });
    } catch (error) {
      const reason = error instanceof SetupFlowError ? error.reason : "crypto";
      if (reason === "interrupted") {
        setStage({ kind: "interrupted" });
        return;
      }
      // Anything else created nothing: the next attempt builds a fresh request (with the same code).
      prepared.current = null;
      setFailure(reason);
      if (TERMINAL.includes(reason)) {
        setValues(EMPTY);
        setRecoveryCode(null);
        setStage({ kind: "stopped", reason });
      } else {
        setStage(reason === "name_taken" ? { kind: "form" } : { kind: "code" });
      }
    }
  };

  const failureText = failure ? t(`setupFlow.failures.${failure}`) : null;

  switch (stage.kind) {
    case "working":
      return <SetupProgress ref={progressRef} step={stage.step} />;
    case "done":
      return <SetupDone result={stage.result} organisationName={stage.organisationName} username={stage.username} />;
    case "stopped":
      return (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={panelRef}>
          <p>{t("setupFlow.failedTitle")}</p>
          <p>{t(`setupFlow.failures.${stage.reason}`)}</p>
        </div>
      );
    case "interrupted":
      return (
        <div className="setup-interrupted">
          <div className="notice notice--error" role="alert" tabIndex={-1} ref={panelRef}>
            <p>{t("setupFlow.failedTitle")}</p>
            <p>{t("setupFlow.failures.interrupted")}</p>
          </div>
          <p>
            <button type="button" className="button button--primary" onClick={() => void run()}>
              {t("setupFlow.retry")}
            </button>
          </p>
        </div>
      );
    case "code":
      return recoveryCode ? (
        <RecoveryStep
          code={recoveryCode}
          failure={failureText}
          onConfirm={() => void run()}
          onBack={() => {
            setFailure(null);
            setStage({ kind: "form" });
          }}
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
          onValid={toCode}
        />
      );
  }
}
