// SPDX-License-Identifier: AGPL-3.0-or-later
import { DSR_LIMITS, type DsrSubject, type DsrType } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useT } from "../i18n/use-t";

const TYPES: DsrType[] = ["access", "erasure", "rectification", "restriction", "portability", "objection"];

/** Registers a request received elsewhere, with the day it was received (not after today). */
export function RegisterForm(props: {
  today: string;
  busy: boolean;
  onSubmit: (body: { type: DsrType; subject: DsrSubject; receivedOn: string }) => Promise<boolean>;
}) {
  const { t } = useT();
  const [type, setType] = useState<DsrType>("access");
  const [kind, setKind] = useState<DsrSubject["type"]>("reference");
  const [value, setValue] = useState("");
  const [receivedOn, setReceivedOn] = useState("");
  const [errors, setErrors] = useState<{ value?: string; receivedOn?: string }>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (value.trim() === "") found.value = t("dsr.errors.required");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn) || (props.today !== "" && receivedOn > props.today))
      found.receivedOn = t("dsr.errors.date");
    setErrors(found);
    if (found.value) return document.getElementById("dsr-subject-value")?.focus();
    if (found.receivedOn) return document.getElementById("dsr-received")?.focus();
    const v = value.trim();
    const subject: DsrSubject =
      kind === "client"
        ? { type: "client", clientId: v }
        : kind === "case"
          ? { type: "case", caseId: v }
          : { type: "reference", reference: v };
    if (await props.onSubmit({ type, subject, receivedOn })) {
      setValue("");
      setReceivedOn("");
    }
  };
  return (
    <section aria-labelledby="dsr-register-heading">
      <h2 id="dsr-register-heading">{t("dsr.registerHeading")}</h2>
      <form className="dsr-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="dsr-type">{t("dsr.typeLabel")}</label>
          <select id="dsr-type" value={type} onChange={(e) => setType(e.target.value as DsrType)}>
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`dsr.type.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dsr-subject-kind">{t("dsr.subjectKindLabel")}</label>
          <select id="dsr-subject-kind" value={kind} onChange={(e) => setKind(e.target.value as DsrSubject["type"])}>
            <option value="reference">{t("dsr.subjectKind.reference")}</option>
            <option value="case">{t("dsr.subjectKind.case")}</option>
            <option value="client">{t("dsr.subjectKind.client")}</option>
          </select>
        </div>
        <div className={errors.value ? "field field--invalid" : "field"}>
          <label htmlFor="dsr-subject-value">{t("dsr.subjectValueLabel")}</label>
          <p id="dsr-subject-hint" className="field__hint">
            {t("dsr.subjectValueHint")}
          </p>
          {errors.value ? (
            <p id="dsr-subject-error" className="field__error">
              {errors.value}
            </p>
          ) : null}
          <input
            id="dsr-subject-value"
            type="text"
            maxLength={DSR_LIMITS.referenceChars}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={errors.value ? true : undefined}
            aria-describedby={errors.value ? "dsr-subject-hint dsr-subject-error" : "dsr-subject-hint"}
          />
        </div>
        <div className={errors.receivedOn ? "field field--invalid" : "field"}>
          <label htmlFor="dsr-received">{t("dsr.receivedLabel")}</label>
          {errors.receivedOn ? (
            <p id="dsr-received-error" className="field__error">
              {errors.receivedOn}
            </p>
          ) : null}
          <input
            id="dsr-received"
            type="date"
            max={props.today || undefined}
            value={receivedOn}
            onChange={(e) => setReceivedOn(e.target.value)}
            aria-invalid={errors.receivedOn ? true : undefined}
            aria-describedby={errors.receivedOn ? "dsr-received-error" : undefined}
          />
        </div>
        <p>
          <button type="submit" className="button button--primary" aria-disabled={props.busy}>
            {t("dsr.register")}
          </button>
        </p>
      </form>
    </section>
  );
}
