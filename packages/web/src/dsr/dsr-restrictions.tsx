// SPDX-License-Identifier: AGPL-3.0-or-later
import { DSR_LIMITS, type RestrictionView } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useT } from "../i18n/use-t";

/** Restrictions of processing (Art. 18): the active ones with a lift button, and the form to set one. */
export function Restrictions(props: {
  active: RestrictionView[];
  busy: boolean;
  subjectText: (r: RestrictionView) => string;
  date: (ms: number) => string;
  onSet: (subject: RestrictionView["subject"], reason: string) => Promise<boolean>;
  onLift: (id: string) => Promise<boolean>;
}) {
  const { t } = useT();
  const [kind, setKind] = useState<"case" | "client">("case");
  const [id, setId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ id?: string; reason?: string }>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (id.trim() === "") found.id = t("dsr.errors.required");
    if (reason.trim().length < DSR_LIMITS.reasonMinChars) found.reason = t("dsr.errors.reasonShort");
    setErrors(found);
    if (found.id) return document.getElementById("restrict-id")?.focus();
    if (found.reason) return document.getElementById("restrict-reason")?.focus();
    const subject =
      kind === "case" ? { type: "case" as const, caseId: id.trim() } : { type: "client" as const, clientId: id.trim() };
    if (await props.onSet(subject, reason.trim())) {
      setId("");
      setReason("");
    }
  };
  return (
    <section aria-labelledby="dsr-restrictions-heading">
      <h2 id="dsr-restrictions-heading">{t("dsr.restrictionsHeading")}</h2>
      <p>{t("dsr.restrictionsExplain")}</p>
      {props.active.length === 0 ? (
        <p>{t("dsr.restrictionsNone")}</p>
      ) : (
        <ul>
          {props.active.map((r) => (
            <li key={r.id}>
              {t("dsr.restrictionLine", { subject: props.subjectText(r), date: props.date(r.setAt), reason: r.reason })}{" "}
              <button
                type="button"
                className="button"
                aria-disabled={props.busy}
                onClick={() => void props.onLift(r.id)}
              >
                {t("dsr.lift")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="dsr-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="restrict-kind">{t("dsr.restrictSubjectLabel")}</label>
          <select id="restrict-kind" value={kind} onChange={(e) => setKind(e.target.value as "case" | "client")}>
            <option value="case">{t("dsr.subjectKind.case")}</option>
            <option value="client">{t("dsr.subjectKind.client")}</option>
          </select>
        </div>
        <div className={errors.id ? "field field--invalid" : "field"}>
          <label htmlFor="restrict-id">{t("dsr.restrictIdLabel")}</label>
          {errors.id ? (
            <p id="restrict-id-error" className="field__error">
              {errors.id}
            </p>
          ) : null}
          <input
            id="restrict-id"
            type="text"
            value={id}
            onChange={(e) => setId(e.target.value)}
            aria-invalid={errors.id ? true : undefined}
            aria-describedby={errors.id ? "restrict-id-error" : undefined}
          />
        </div>
        <div className={errors.reason ? "field field--invalid" : "field"}>
          <label htmlFor="restrict-reason">{t("dsr.reasonLabel")}</label>
          {errors.reason ? (
            <p id="restrict-reason-error" className="field__error">
              {errors.reason}
            </p>
          ) : null}
          <textarea
            id="restrict-reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? "restrict-reason-error" : undefined}
          />
        </div>
        <p>
          <button type="submit" className="button button--primary" aria-disabled={props.busy}>
            {t("dsr.restrict")}
          </button>
        </p>
      </form>
    </section>
  );
}
