// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormEvent } from "react";
import { useT } from "../i18n/use-t";

export interface FilterForm {
  from: string;
  to: string;
  action: string;
  actorId: string;
  targetType: string;
  targetId: string;
}
export const EMPTY: FilterForm = { from: "", to: "", action: "", actorId: "", targetType: "", targetId: "" };

/** The form as the API's query: datetime-local values are the browser's local time. */
export function toQuery(f: FilterForm) {
  const ms = (v: string) => (v === "" ? undefined : new Date(v).getTime());
  const text = (v: string) => (v.trim() === "" ? undefined : v.trim());
  const query = {
    from: ms(f.from),
    to: ms(f.to),
    action: text(f.action),
    actorId: text(f.actorId),
    targetType: text(f.targetType),
    targetId: text(f.targetId),
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Partial<typeof query>;
}

/** Filters (time range, action, actor, target), apply and reset, and the download for the DPO. */
export function AuditFilters({
  form,
  onForm,
  onApply,
  onReset,
  onExport,
  exporting,
}: {
  form: FilterForm;
  onForm: (form: FilterForm) => void;
  onApply: () => void;
  onReset: () => void;
  /** Absent for admins, who read the log but may not download it. */
  onExport: (() => void) | null;
  exporting: boolean;
}) {
  const { t } = useT();
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  const field = (key: keyof FilterForm, label: string, type = "text", hint?: string) => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <input
        id={`audit-${key}`}
        type={type}
        value={form[key]}
        aria-describedby={hint ? `audit-${key}-hint` : undefined}
        onChange={(e) => onForm({ ...form, [key]: e.target.value })}
      />
      {hint ? (
        <p id={`audit-${key}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
  return (
    <form className="staff-form audit-filters" onSubmit={apply} aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t("dpoAudit.filters")}</h2>
      <div className="audit-filters__grid">
        {field("from", t("dpoAudit.from"), "datetime-local")}
        {field("to", t("dpoAudit.to"), "datetime-local")}
        {field("action", t("dpoAudit.action"), "text", t("dpoAudit.actionHint"))}
        {field("actorId", t("dpoAudit.actor"))}
        {field("targetType", t("dpoAudit.targetType"))}
        {field("targetId", t("dpoAudit.targetId"))}
      </div>
      <p className="button-row">
        <button type="submit" className="button button--primary">
          {t("dpoAudit.apply")}
        </button>
        <button type="button" className="button" onClick={onReset}>
          {t("dpoAudit.reset")}
        </button>
        {onExport ? (
          <button type="button" className="button" aria-disabled={exporting} onClick={onExport}>
            {t("dpoAudit.export")}
          </button>
        ) : null}
      </p>
    </form>
  );
}
