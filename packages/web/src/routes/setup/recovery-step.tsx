// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent } from "react";
import { CheckboxField } from "../../account/checkbox-field";
import { useT } from "../../i18n/use-t";

/**
 * Shows the administrator's recovery code once (it lives only in the
 * wizard's state) and requires the explicit "I wrote it down" confirmation
 * before anything is created. Unlike for clients, the code is not optional.
 */
export function RecoveryStep({
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
  const [confirmed, setConfirmed] = useState(false);
  const [missing, setMissing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  // This step replaced the form (or the progress panel): move focus here.
  useEffect(() => {
    if (failure) failureRef.current?.focus();
    else headingRef.current?.focus();
  }, [failure]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirmed) {
      setMissing(true);
      document.getElementById("setup-code-confirm")?.focus();
      return;
    }
    onConfirm();
  };

  return (
    <form className="form recovery-code" noValidate onSubmit={submit} aria-labelledby="setup-code-title">
      {failure ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={failureRef}>
          <p>{t("setupFlow.failedTitle")}</p>
          <p>{failure}</p>
        </div>
      ) : null}
      <h2 id="setup-code-title" ref={headingRef} tabIndex={-1}>
        {t("setupFlow.codeTitle")}
      </h2>
      <p>{t("setupFlow.codeIntro")}</p>
      <ol className="recovery-code__words" aria-label={t("setupFlow.codeListLabel")}>
        {code.split(" ").map((word, index) => (
          <li key={index} lang="en">
            {word}
          </li>
        ))}
      </ol>
      <p className="notice notice--warn">{t("setupFlow.codeWhy")}</p>
      <CheckboxField
        id="setup-code-confirm"
        label={t("setupFlow.codeConfirm")}
        checked={confirmed}
        onChecked={(value) => {
          setConfirmed(value);
          if (value) setMissing(false);
        }}
        error={missing ? t("setupFlow.codeConfirmMissing") : undefined}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {failure ? t("setupFlow.retryAgain") : t("setupFlow.codeSubmit")}
        </button>
        <button type="button" className="button" onClick={onBack}>
          {t("setupFlow.back")}
        </button>
      </div>
    </form>
  );
}
