// SPDX-License-Identifier: AGPL-3.0-or-later
import { DSR_LIMITS, type DsrRequestView } from "@obhut/protocol";
import { useState } from "react";
import { useT } from "../i18n/use-t";

/** Extend (by one or two months, with a reason), close as done, or refuse (with a reason) one open request. */
export function RequestActions(props: {
  request: DsrRequestView;
  label: string;
  busy: boolean;
  onExtend: (months: number, reason: string) => Promise<boolean>;
  onClose: (outcome: "done" | "refused", reason?: string) => Promise<boolean>;
}) {
  const { t } = useT();
  const r = props.request;
  const left = DSR_LIMITS.maxExtensionMonths - r.extensionMonths;
  const [months, setMonths] = useState(1);
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState(false);
  const reasonId = `dsr-reason-${r.id}`;
  const withReason = async (work: (reason: string) => Promise<boolean>) => {
    if (reason.trim().length < DSR_LIMITS.reasonMinChars) {
      setInvalid(true);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setInvalid(false);
    if (await work(reason.trim())) setReason("");
  };
  return (
    <div className="dsr-request-actions" role="group" aria-label={props.label}>
      <div className={invalid ? "field field--invalid" : "field"}>
        <label htmlFor={reasonId}>{t("dsr.reasonLabel")}</label>
        {invalid ? (
          <p id={`${reasonId}-error`} className="field__error">
            {t("dsr.errors.reasonShort")}
          </p>
        ) : null}
        <textarea
          id={reasonId}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${reasonId}-error` : undefined}
        />
      </div>
      {left > 0 ? (
        <div className="field">
          <label htmlFor={`dsr-months-${r.id}`}>{t("dsr.extendLabel")}</label>
          <select id={`dsr-months-${r.id}`} value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            <option value={1}>{t("dsr.months.one")}</option>
            {left > 1 ? <option value={2}>{t("dsr.months.two")}</option> : null}
          </select>
          <button
            type="button"
            className="button"
            aria-disabled={props.busy}
            onClick={() => void withReason((text) => props.onExtend(Math.min(months, left), text))}
          >
            {t("dsr.extend")}
          </button>
        </div>
      ) : null}
      <div className="dsr-actions">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={props.busy}
          onClick={() =>
            void props.onClose("done", reason.trim().length >= DSR_LIMITS.reasonMinChars ? reason.trim() : undefined)
          }
        >
          {t("dsr.done")}
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={props.busy}
          onClick={() => void withReason((text) => props.onClose("refused", text))}
        >
          {t("dsr.refuse")}
        </button>
      </div>
    </div>
  );
}
