// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent } from "react";
import { CheckboxField } from "../account/checkbox-field";

/** The wording of the step: clients and staff are told different things about the code. */
export interface RecoveryCodeTexts {
  title: string;
  intro: string;
  listLabel: string;
  /** Why the code matters (what is lost without it). */
  warning: string;
  confirm: string;
  confirmMissing: string;
  submit: string;
  back: string;
}

/**
 * Shows the recovery code once. It lives only in the page's state (never in
 * storage) and is gone when the page is left. Creating the account needs the
 * explicit "I wrote it down" confirmation. Shared by client sign-up, setup
 * and invitations.
 */
export function RecoveryCodeStep({
  code,
  ids,
  texts,
  failure = null,
  onConfirm,
  onBack,
}: {
  code: string;
  /** Ids of the heading (it takes focus) and of the confirmation checkbox. */
  ids: { title: string; confirm: string };
  texts: RecoveryCodeTexts;
  /** A failed attempt, shown above the code (setup retries from this step). */
  failure?: { title: string; message: string } | null;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const [missing, setMissing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const failureMessage = failure?.message ?? null;

  // This step replaced the form (or the progress panel): move focus here.
  useEffect(() => {
    if (failureMessage) failureRef.current?.focus();
    else headingRef.current?.focus();
  }, [failureMessage]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirmed) {
      setMissing(true);
      document.getElementById(ids.confirm)?.focus();
      return;
    }
    onConfirm();
  };

  return (
    <form className="form recovery-code" noValidate onSubmit={submit} aria-labelledby={ids.title}>
      {failure ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={failureRef}>
          <p>{failure.title}</p>
          <p>{failure.message}</p>
        </div>
      ) : null}
      <h2 id={ids.title} ref={headingRef} tabIndex={-1}>
        {texts.title}
      </h2>
      <p>{texts.intro}</p>
      {/* Seven groups of four characters (ADR 0025); read out group by group, never as one long word. */}
      <ol className="recovery-code__words" aria-label={texts.listLabel}>
        {code.split("-").map((group, index) => (
          <li key={index}>{group}</li>
        ))}
      </ol>
      <p className="notice notice--warn">{texts.warning}</p>
      <CheckboxField
        id={ids.confirm}
        label={texts.confirm}
        checked={confirmed}
        onChecked={(value) => {
          setConfirmed(value);
          if (value) setMissing(false);
        }}
        error={missing ? texts.confirmMissing : undefined}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {texts.submit}
        </button>
        <button type="button" className="button" onClick={onBack}>
          {texts.back}
        </button>
      </div>
    </form>
  );
}
