// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { normaliseCode } from "./mfa-flow";

/** One six-digit code field; the page decides whether it confirms an enrolment or verifies a login. */
export function CodeForm({
  id,
  submitLabel,
  busy,
  onCode,
}: {
  id: string;
  submitLabel: string;
  busy: boolean;
  onCode: (code: string) => Promise<boolean>;
}) {
  const { t } = useT();
  const [value, setValue] = useState("");
  const [invalid, setInvalid] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const code = normaliseCode(value);
    if (!code) {
      setInvalid(true);
      document.getElementById(id)?.focus();
      return;
    }
    setInvalid(false);
    // A refused code is cleared so the next one is typed fresh.
    if (!(await onCode(code))) setValue("");
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <TextField
        id={id}
        label={t("mfa.code")}
        hint={t("mfa.codeHint")}
        error={invalid ? t("mfa.codeInvalid") : undefined}
        value={value}
        onValue={setValue}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        required
      />
      <button type="submit" className="button button--primary" aria-disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
