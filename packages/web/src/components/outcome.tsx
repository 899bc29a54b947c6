// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef } from "react";

/**
 * The line under a form that says how its last action ended: an error, a success, or nothing. It stays in the
 * page while empty (visually hidden), so a screen reader announces each change of it. With `focus`, the line
 * takes the focus when an error (or, with "any", any outcome) appears, and an error is announced as an alert.
 */
export function Outcome({
  error,
  success,
  focus,
}: {
  error: string | null | undefined;
  success: string | null | undefined;
  focus?: "error" | "any";
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  const text = error || success || "";
  useEffect(() => {
    if (focus && (error || (focus === "any" && success))) ref.current?.focus();
  }, [focus, error, success]);
  return (
    <p
      ref={ref}
      tabIndex={focus ? -1 : undefined}
      role={focus && error ? "alert" : "status"}
      className={error ? "notice notice--error" : success ? "notice notice--success" : "visually-hidden"}
    >
      {text}
    </p>
  );
}
