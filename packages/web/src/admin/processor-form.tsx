// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormEvent } from "react";
import { TextArea } from "../counselling/text-area";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { newSubProcessorRow, type ProcessorDraft, SAFEGUARDS } from "./processor-draft";

type SetField = <K extends keyof ProcessorDraft>(key: K, value: ProcessorDraft[K]) => void;

const COUNTRY_PATTERN = "[A-Za-z]{2}";

/** Adds a processor, or edits the one chosen in the list (then with a cancel button). */
export function ProcessorForm({
  draft,
  set,
  editing,
  onSubmit,
  onCancel,
}: {
  draft: ProcessorDraft;
  set: SetField;
  editing: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const subs = draft.subProcessors;
  const setSub = (key: number, field: "name" | "country", value: string) =>
    set(
      "subProcessors",
      subs.map((s) => (s.key === key ? { ...s, [field]: value } : s)),
    );
  return (
    <section className="section" aria-labelledby="processor-form-heading">
      <h2 id="processor-form-heading">{editing ? t("processors.editHeading") : t("processors.createHeading")}</h2>
      <form className="form" onSubmit={onSubmit}>
        <TextField
          id="processor-name"
          label={t("processors.name")}
          value={draft.name}
          onValue={(v) => set("name", v)}
          required
          maxLength={200}
        />
        <TextField
          id="processor-service"
          label={t("processors.service")}
          hint={t("processors.serviceHint")}
          value={draft.service}
          onValue={(v) => set("service", v)}
          required
          maxLength={500}
        />
        <TextField
          id="processor-location"
          label={t("processors.location")}
          value={draft.location}
          onValue={(v) => set("location", v)}
          required
          maxLength={200}
        />
        <TextField
          id="processor-country"
          label={t("processors.country")}
          hint={t("processors.countryHint")}
          value={draft.country}
          onValue={(v) => set("country", v)}
          pattern={COUNTRY_PATTERN}
          maxLength={2}
          autoComplete="off"
        />
        <div className="checkbox-field">
          <input
            id="processor-third-country"
            type="checkbox"
            checked={draft.thirdCountryTransfer}
            onChange={(e) => set("thirdCountryTransfer", e.target.checked)}
          />
          <label htmlFor="processor-third-country">{t("processors.thirdCountry")}</label>
        </div>
        {draft.thirdCountryTransfer ? (
          <div className="field">
            <label htmlFor="processor-safeguard">{t("processors.safeguard")}</label>
            <select
              id="processor-safeguard"
              value={draft.safeguard}
              required
              onChange={(e) => set("safeguard", e.target.value as ProcessorDraft["safeguard"])}
            >
              <option value="">{t("processors.safeguardChoose")}</option>
              {SAFEGUARDS.map((s) => (
                <option key={s} value={s}>
                  {t(`processors.safeguards.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <TextField
          id="processor-contract"
          type="date"
          label={t("processors.contractDate")}
          hint={t("processors.contractDateHint")}
          value={draft.contractDate}
          onValue={(v) => set("contractDate", v)}
        />
        <TextField
          id="processor-review"
          type="date"
          label={t("processors.reviewDate")}
          value={draft.reviewDate}
          onValue={(v) => set("reviewDate", v)}
        />
        <fieldset className="fieldset">
          <legend>{t("processors.subProcessors")}</legend>
          {subs.length === 0 ? <p>{t("processors.noSubProcessors")}</p> : null}
          <ul className="processor-subs">
            {subs.map((s, i) => (
              <li key={s.key} className="processor-sub-row">
                <TextField
                  id={`processor-sub-${s.key}-name`}
                  label={t("processors.subName", { n: i + 1 })}
                  value={s.name}
                  onValue={(v) => setSub(s.key, "name", v)}
                  required
                  maxLength={200}
                />
                <TextField
                  id={`processor-sub-${s.key}-country`}
                  label={t("processors.subCountry", { n: i + 1 })}
                  value={s.country}
                  onValue={(v) => setSub(s.key, "country", v)}
                  required
                  pattern={COUNTRY_PATTERN}
                  maxLength={2}
                  autoComplete="off"
                />
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    set(
                      "subProcessors",
                      subs.filter((x) => x.key !== s.key),
                    )
                  }
                >
                  {t("processors.subRemove", { n: i + 1 })}
                </button>
              </li>
            ))}
          </ul>
          <p className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                const row = newSubProcessorRow();
                set("subProcessors", [...subs, row]);
                // The new row's first field, so keyboard users carry on typing there.
                setTimeout(() => document.getElementById(`processor-sub-${row.key}-name`)?.focus(), 0);
              }}
            >
              {t("processors.subAdd")}
            </button>
          </p>
        </fieldset>
        <TextArea
          id="processor-notes"
          label={t("processors.notes")}
          value={draft.notes}
          onValue={(v) => set("notes", v)}
          rows={3}
          maxLength={5000}
        />
        <p className="button-row">
          <button type="submit" className="button button--primary">
            {editing ? t("processors.save") : t("processors.create")}
          </button>
          {editing ? (
            <button type="button" className="button" onClick={onCancel}>
              {t("processors.cancel")}
            </button>
          ) : null}
        </p>
      </form>
    </section>
  );
}
