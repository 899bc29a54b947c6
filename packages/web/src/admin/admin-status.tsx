// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useMemo, useRef, useState } from "react";
import { errorCode, useAction } from "../api/use-action";
import { useT } from "../i18n/use-t";

export type Status = { kind: "working" | "success" | "error"; text: string } | null;

/**
 * One place per page that says what happened: progress and success in a
 * polite status region, failures in an alert that takes focus.
 */
export function StatusMessage({ status }: { status: Status }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (status?.kind === "error") ref.current?.focus();
  }, [status]);
  return (
    <>
      <p className="admin-status" role="status" aria-live="polite">
        {status && status.kind !== "error" ? status.text : ""}
      </p>
      {status?.kind === "error" ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={ref}>
          <p>{status.text}</p>
        </div>
      ) : null}
    </>
  );
}

type Translate = ReturnType<typeof useT>["t"];

/** A failure's stable code as the console shows it. */
export const failedText = (t: Translate, code: string) => t("admin.failed", { code });

export const errorText = (t: Translate, error: unknown) => failedText(t, errorCode(error));

/**
 * One action at a time with status messages (the request hook of ADR 0023
 * underneath): `run(working, done, step)` shows `working` while the step
 * runs, then `done` or the failure, and resolves whether it worked. A run
 * while one is pending is ignored and resolves false. `describe` may give a
 * failure code a text of its own (default: errorText). `progress(text)`
 * replaces the working text while a step runs (the polite status region
 * reads it out), e.g. "1 of 3 team keys renewed".
 */
export function useStatusAction(describe?: (code: string) => string | undefined) {
  const { t } = useT();
  const [working, setWorking] = useState("");
  const action = useAction(async (workingText: string, done: string, step: () => Promise<unknown>) => {
    setWorking(workingText);
    await step();
    return done;
  });
  const { pending, error, result } = action;
  const text = error === null ? null : (describe?.(error) ?? failedText(t, error));
  // One object per change, so the alert takes focus once per failure and not on every render.
  const status = useMemo<Status>(
    () =>
      pending
        ? { kind: "working", text: working }
        : text !== null
          ? { kind: "error", text }
          : result !== undefined
            ? { kind: "success", text: result }
            : null,
    [pending, working, text, result],
  );
  const run = (workingText: string, done: string, step: () => Promise<unknown>) =>
    action.run(workingText, done, step).then((outcome) => outcome.ok);
  const progress = (text: string) => setWorking(text);
  return { status, run, pending, progress };
}
