// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { AuthFlowError, type AuthFailure } from "./auth-error";
import type { AuthStep } from "./flows";

export type SignUpStage = { kind: "form" } | { kind: "code" } | { kind: "working"; step: AuthStep | null };

function reasonOf(error: unknown): AuthFailure {
  return error instanceof AuthFlowError ? error.reason : "crypto";
}

/**
 * The steps client sign-up and invitations share: form → recovery code →
 * the browser creates the account → `done`. The code is made when first
 * asked for and kept only in this state, so going back and forth shows the
 * same code; on success the values (with the password) and the code are
 * dropped. A failure returns to the form with its reason.
 */
export function useSignUpSteps<V, R>({
  empty,
  newRecoveryCode,
  create,
  done,
}: {
  empty: V;
  newRecoveryCode: () => string | Promise<string>;
  create: (values: V, recoveryCode: string | undefined, onStep: (step: AuthStep) => void) => Promise<R>;
  done: (result: R) => void | Promise<void>;
}) {
  const [values, setValues] = useState<V>(empty);
  const [stage, setStage] = useState<SignUpStage>({ kind: "form" });
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const progressRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  // The progress panel and the failure notice replace what had focus: move it there.
  useEffect(() => {
    if (stage.kind === "working") progressRef.current?.focus();
  }, [stage.kind]);

  useEffect(() => {
    if (failure && stage.kind === "form") failureRef.current?.focus();
  }, [failure, stage.kind]);

  const run = async (code: string | undefined) => {
    setFailure(null);
    setStage({ kind: "working", step: null });
    try {
      const result = await create(values, code, (step) => setStage({ kind: "working", step }));
      setValues(empty);
      setRecoveryCode(null);
      await done(result);
    } catch (error) {
      setFailure(reasonOf(error));
      setStage({ kind: "form" });
    }
  };

  const showCode = async () => {
    let code = recoveryCode;
    if (!code) {
      try {
        code = await newRecoveryCode();
      } catch (error) {
        setFailure(reasonOf(error));
        return;
      }
      setRecoveryCode(code);
    }
    setFailure(null);
    setStage({ kind: "code" });
  };

  return {
    values,
    setValues,
    stage,
    recoveryCode,
    failure,
    progressRef,
    failureRef,
    /** Creates the account, with the recovery code or (clients only) without. */
    run,
    showCode,
    backToForm: () => setStage({ kind: "form" }),
  };
}

/** What the step view needs of `useSignUpSteps` (none of it depends on the values' type). */
export type SignUpSteps = Pick<
  ReturnType<typeof useSignUpSteps>,
  "stage" | "recoveryCode" | "failure" | "progressRef" | "failureRef" | "run" | "backToForm"
>;
