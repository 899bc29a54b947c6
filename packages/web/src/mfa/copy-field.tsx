// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useT } from "../i18n/use-t";

/** A value to type or paste into an authenticator app, with a copy button and a polite confirmation. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useT();
  const [note, setNote] = useState<"copied" | "copyFailed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setNote("copied");
    } catch {
      setNote("copyFailed");
    }
  };
  return (
    <div className="field copy-field">
      <p className="copy-field__label" id={`${id}-label`}>
        {label}
      </p>
      <code id={id} className="copy-field__value">
        {value}
      </code>
      <button type="button" className="button" aria-describedby={`${id}-label`} onClick={() => void copy()}>
        {t("mfa.copy")}
      </button>
      <p className="field__hint" aria-live="polite">
        {note ? t(`mfa.${note}`) : ""}
      </p>
    </div>
  );
}
