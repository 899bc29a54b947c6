// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { AuthFlowError } from "../auth/auth-error";
import type { AuthStep } from "../auth/flows";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { AuthProgress } from "./auth-progress";

export interface LoginInput {
  username: string;
  /** Stays in the browser; OPAQUE proves it without sending it. */
  password: string;
}

/** The login step; reports progress and resolves once the keys are in memory. */
export type LoginAction = (input: LoginInput, onStep: (step: AuthStep) => void) => Promise<void>;

/**
 * One login form for clients and staff. Wrong password and unknown name end
 * in the same message (the flow cannot tell them apart either). The password
 * is cleared after every attempt.
 */
export function LoginForm({
  idPrefix,
  labels,
  onLogin,
  children,
}: {
  idPrefix: string;
  labels: { username: string; password: string; submit: string; missing: string; working: string };
  onLogin: LoginAction;
  /** Shown between the password and the submit button (the client's device question). */
  children?: ReactNode;
}) {
  const { t } = useT();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [step, setStep] = useState<AuthStep | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const progressRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (busy) progressRef.current?.focus();
  }, [busy]);
  useEffect(() => {
    if (attempt > 0) messageRef.current?.focus();
  }, [attempt]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setMessage(labels.missing);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setMessage(null);
    setStep(null);
    try {
      await onLogin({ username: username.trim(), password }, setStep);
    } catch (error) {
      setMessage(t(`authErrors.${error instanceof AuthFlowError ? error.reason : "crypto"}`));
      setPassword("");
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  };

  if (busy) return <AuthProgress ref={progressRef} intro={labels.working} step={step} />;

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {message ? (
        <p className="notice notice--error" role="alert" tabIndex={-1} ref={messageRef}>
          {message}
        </p>
      ) : null}
      <TextField
        id={`${idPrefix}-username`}
        label={labels.username}
        value={username}
        onValue={setUsername}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
      />
      <TextField
        id={`${idPrefix}-password`}
        type="password"
        label={labels.password}
        value={password}
        onValue={setPassword}
        autoComplete="current-password"
        required
      />
      {children}
      <button type="submit" className="button button--primary">
        {labels.submit}
      </button>
    </form>
  );
}
