// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useT } from "../i18n/use-t";
import { CheckboxField } from "./checkbox-field";

/**
 * Shows the recovery code once. It lives only in the sign-up page's state
 * (never in storage) and is gone when the page is left. Creating the
 * account needs the explicit "I wrote it down" confirmation.
 */
export function RecoveryCodeStep({
  code,
  onConfirm,
  onBack,
}: {
  code: string;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useT();
  const [confirmed, setConfirmed] = useState(false);
  const [missing, setMissing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const words = code.split(" ");

  // The form was replaced by this step: move focus to its heading.
  useEffect(() => headingRef.current?.focus(), []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirmed) {
      setMissing(true);
      document.getElementById("signup-code-confirm")?.focus();
      return;
    }
    onConfirm();
  };

  return (
    <form className="form recovery-code" noValidate onSubmit={submit} aria-labelledby="recovery-code-title">
      <h2 id="recovery-code-title" ref={headingRef} tabIndex={-1}>
        {t("signup.codeTitle")}
      </h2>
      <p>{t("signup.codeIntro")}</p>
      <ol className="recovery-code__words" aria-label={t("signup.codeListLabel")}>
        {words.map((word, index) => (
          <li key={index} lang="en">
            {word}
          </li>
        ))}
      </ol>
      <p className="notice notice--warn">{t("signup.codeLoss")}</p>
      <CheckboxField
        id="signup-code-confirm"
        label={t("signup.codeConfirm")}
        checked={confirmed}
        onChecked={(value) => {
          setConfirmed(value);
          if (value) setMissing(false);
        }}
        error={missing ? t("signup.codeConfirmMissing") : undefined}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t("signup.codeSubmit")}
        </button>
        <button type="button" className="button" onClick={onBack}>
          {t("signup.back")}
        </button>
      </div>
    </form>
  );
}
