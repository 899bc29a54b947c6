// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromLocalInput, toLocalInput } from "../counsellor/absence-page";
import { useT } from "../i18n/use-t";

/** A breach's record as its form holds it: what happened, since when it is known, which data, how many persons. */
export interface BreachRecordInput {
  description: string;
  /** `datetime-local` value. */
  awareAt: string;
  categories: string;
  /** Empty while unknown. */
  persons: string;
}

export function breachRecordInput(
  b: { description: string; awareAt: number; dataCategories: string; personsAffected: number | null } | null,
): BreachRecordInput {
  return {
    description: b?.description ?? "",
    awareAt: toLocalInput(b?.awareAt ?? Date.now()),
    categories: b?.dataCategories ?? "",
    persons: b?.personsAffected === null || b === null ? "" : String(b.personsAffected),
  };
}

/** The record's part of a create or update request; an unreadable time falls back to `awareAtFallback`. */
export function breachRecordBody(r: BreachRecordInput, awareAtFallback: number) {
  return {
    description: r.description,
    awareAt: fromLocalInput(r.awareAt) ?? awareAtFallback,
    dataCategories: r.categories,
    personsAffected: r.persons.trim() === "" ? null : Number(r.persons),
  };
}

/**
 * The record's four fields, for the new-breach form and a breach's "change the record" section. `idPrefix` keeps
 * the ids unique on a page with several breaches; `hints` adds the fields' explanations (the new-breach form).
 */
export function BreachRecordFields({
  idPrefix,
  value,
  onChange,
  hints = false,
}: {
  idPrefix: string;
  value: BreachRecordInput;
  onChange: (next: BreachRecordInput) => void;
  hints?: boolean;
}) {
  const { t } = useT();
  const id = (name: string) => `${idPrefix}-${name}`;
  const set = (patch: Partial<BreachRecordInput>) => onChange({ ...value, ...patch });
  return (
    <>
      <div className="field">
        <label htmlFor={id("description")}>{t("breaches.description")}</label>
        {hints && (
          <p className="field__hint" id={id("description-hint")}>
            {t("breaches.descriptionHint")}
          </p>
        )}
        <textarea
          id={id("description")}
          rows={4}
          maxLength={10_000}
          required
          {...(hints ? { "aria-describedby": id("description-hint") } : {})}
          value={value.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id("aware")}>{t("breaches.awareAt")}</label>
        <input
          id={id("aware")}
          type="datetime-local"
          required
          value={value.awareAt}
          onChange={(e) => set({ awareAt: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id("categories")}>{t("breaches.dataCategories")}</label>
        <textarea
          id={id("categories")}
          rows={2}
          maxLength={2_000}
          required
          value={value.categories}
          onChange={(e) => set({ categories: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id("persons")}>{t("breaches.personsAffected")}</label>
        {hints && (
          <p className="field__hint" id={id("persons-hint")}>
            {t("breaches.personsUnknown")}
          </p>
        )}
        <input
          id={id("persons")}
          type="number"
          inputMode="numeric"
          min={0}
          {...(hints ? { "aria-describedby": id("persons-hint") } : {})}
          value={value.persons}
          onChange={(e) => set({ persons: e.target.value })}
        />
      </div>
    </>
  );
}
