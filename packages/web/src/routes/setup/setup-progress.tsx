// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Ref } from "react";
import { useT } from "../../i18n/use-t";
import type { SetupStep } from "../../setup-crypto/complete-setup";

/**
 * "Please wait" while the browser runs OPAQUE, Argon2id and signs the
 * genesis (seconds on slow machines). A polite live region announces each
 * step; it takes focus when it replaces the recovery step so keyboard and
 * screen-reader users are not left on a vanished element.
 */
export function SetupProgress({ step, ref }: { step: SetupStep | null; ref?: Ref<HTMLDivElement> }) {
  const { t } = useT();
  return (
    <div ref={ref} className="auth-progress setup-progress" role="status" aria-live="polite" tabIndex={-1}>
      <p className="auth-progress__intro">
        <span className="spinner" aria-hidden="true" />
        {t("setupFlow.working")}
      </p>
      {step ? <p className="auth-progress__step">{t(`setupFlow.steps.${step}`)}</p> : null}
    </div>
  );
}
