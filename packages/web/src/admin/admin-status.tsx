// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
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

export function errorText(t: ReturnType<typeof useT>["t"], error: unknown): string {
  const code =
    error instanceof ApiError ? error.code : error instanceof Error && "code" in error ? String(error.code) : "error";
  return t("admin.failed", { code });
}

/** Runs one action with status messages; returns whether it worked. */
export function useAction(): [
  Status,
  (working: string, done: string, step: () => Promise<unknown>) => Promise<boolean>,
] {
  const { t } = useT();
  const [status, setStatus] = useState<Status>(null);
  const busy = useRef(false);
  const run = async (working: string, done: string, step: () => Promise<unknown>) => {
    if (busy.current) return false;
    busy.current = true;
    setStatus({ kind: "working", text: working });
    try {
      await step();
      setStatus({ kind: "success", text: done });
      return true;
    } catch (error) {
      setStatus({ kind: "error", text: errorText(t, error) });
      return false;
    } finally {
      busy.current = false;
    }
  };
  return [status, run];
}
