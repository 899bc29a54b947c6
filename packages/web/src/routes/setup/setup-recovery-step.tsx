// SPDX-License-Identifier: AGPL-3.0-or-later
import { RecoveryCodeStep } from "../../auth/recovery-code-step";
import { useT } from "../../i18n/use-t";

/**
 * The administrator's recovery code, shown once (it lives only in the
 * wizard's state); unlike for clients, the code is not optional. A failed
 * attempt is retried from here.
 */
export function SetupRecoveryStep({
  code,
  failure,
  onConfirm,
  onBack,
}: {
  code: string;
  /** The message of a failed attempt, shown above the code. */
  failure: string | null;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useT();
  return (
    <RecoveryCodeStep
      code={code}
      ids={{ title: "setup-code-title", confirm: "setup-code-confirm" }}
      texts={{
        title: t("setupFlow.codeTitle"),
        intro: t("setupFlow.codeIntro"),
        listLabel: t("setupFlow.codeListLabel"),
        warning: t("setupFlow.codeWhy"),
        confirm: t("setupFlow.codeConfirm"),
        confirmMissing: t("setupFlow.codeConfirmMissing"),
        submit: failure ? t("setupFlow.retryAgain") : t("setupFlow.codeSubmit"),
        back: t("setupFlow.back"),
      }}
      failure={failure ? { title: t("setupFlow.failedTitle"), message: failure } : null}
      onConfirm={onConfirm}
      onBack={onBack}
    />
  );
}
