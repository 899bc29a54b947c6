// SPDX-License-Identifier: AGPL-3.0-or-later
import { generateRecoveryCode } from "@obhut/crypto";
import { useRef, useState } from "react";
import {
  prepareSetup,
  sendSetup,
  type PreparedSetup,
  type SetupDeps,
  type SetupResult,
  type SetupStep,
} from "../../setup-crypto/complete-setup";
import { SetupFlowError, type SetupFailure } from "../../setup-crypto/setup-error";
import type { SetupValues } from "./validate";

export type SetupStage =
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
 * The steps of setup after the link was verified: form → recovery code
 * (made once, kept for going back and forth) → prepare and send → done,
 * interrupted (resend the very same setup) or stopped (the link is of no
 * more use). The password and the code exist only in this state and are
 * dropped on success and when the link stops working.
 */
export function useSetupSteps(token: string, deps: SetupDeps) {
  const [values, setValues] = useState<SetupValues>(EMPTY);
  const [stage, setStage] = useState<SetupStage>({ kind: "form" });
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [failure, setFailure] = useState<SetupFailure | null>(null);
  // Kept only after an interrupted final request, so "send again" resends the very same setup.
  const prepared = useRef<PreparedSetup | null>(null);

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

  const backToForm = () => {
    setFailure(null);
    setStage({ kind: "form" });
  };

  return { values, setValues, stage, recoveryCode, failure, toCode, run, backToForm };
}
