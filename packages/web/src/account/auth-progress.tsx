// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Ref } from "react";
import type { AuthStep } from "../auth/flows";
import { useT } from "../i18n/use-t";

/**
 * "Please wait" panel while the browser runs OPAQUE and Argon2id (seconds on
 * slow phones). It is a polite live region, and it takes focus when it
 * replaces the form so keyboard and screen-reader users are not left on a
 * vanished element.
 */
export function AuthProgress({
  intro,
  step,
  ref,
}: {
  intro: string;
  step: AuthStep | null;
  ref?: Ref<HTMLDivElement>;
}) {
  const { t } = useT();
  return (
    <div ref={ref} className="auth-progress" role="status" aria-live="polite" tabIndex={-1}>
      <p className="auth-progress__intro">
        <span className="spinner" aria-hidden="true" />
        {intro}
      </p>
      {step ? <p className="auth-progress__step">{t(`authSteps.${step}`)}</p> : null}
    </div>
  );
}
