// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Ref } from "react";
import { useT } from "../../i18n/use-t";
import type { SetupFailure } from "../../setup-crypto/setup-error";

/** Nothing more can be done with this link (it is no longer valid, or setup was done meanwhile). */
export function SetupStopped({ reason, ref }: { reason: SetupFailure; ref?: Ref<HTMLDivElement> }) {
  const { t } = useT();
  return (
    <div className="notice notice--error" role="alert" tabIndex={-1} ref={ref}>
      <p>{t("setupFlow.failedTitle")}</p>
      <p>{t(`setupFlow.failures.${reason}`)}</p>
    </div>
  );
}

/** The final request may or may not have arrived: "send again" resends the very same setup. */
export function SetupInterrupted({ onRetry, ref }: { onRetry: () => void; ref?: Ref<HTMLDivElement> }) {
  const { t } = useT();
  return (
    <div className="setup-interrupted">
      <SetupStopped reason="interrupted" ref={ref} />
      <p>
        <button type="button" className="button button--primary" onClick={onRetry}>
          {t("setupFlow.retry")}
        </button>
      </p>
    </div>
  );
}
