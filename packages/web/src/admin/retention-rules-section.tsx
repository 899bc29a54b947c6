// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RetentionRuleView } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { StatusMessage, useStatusAction } from "./admin-status";
import { getRetentionRules, updateRetentionRules } from "./retention-endpoints";
import { organisationClass, planRetention, type PeriodChange } from "./retention-plan";
import { useSeed } from "./use-seed";

/**
 * The periods per data class: what the class holds, why it is kept, the
 * saved period and its bounds, and — before saving — what a change does. A
 * shorter period deletes at the next daily run, so it needs a tick first.
 * The API has no preview, so the effect is said in words, never as counts.
 */
export function RetentionRulesSection({ admin }: { admin: AdminContext }) {
  const { t, i18n } = useT();
  const { api, orgId } = admin;
  const data = useLoad((signal) => api.request(getRetentionRules, { params: { orgId }, signal }), [api, orgId]);
  const rules = data.kind === "ready" ? data.value.rules : null;
  const [fields, setFields] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState(false);
  const [tried, setTried] = useState(false);
  const { status, run } = useStatusAction();

  // The form starts from what the server holds, on load and after a save.
  useSeed(rules ?? undefined, (rs) => {
    setFields(Object.fromEntries(rs.map((r) => [r.dataClass, String(r.periodDays)])));
    setConfirmed(false);
    setTried(false);
  });

  const plan = planRetention(rules ?? [], fields);
  const shortening = plan.changes.some((c) => c.shorter);
  const confirmMissing = tried && shortening && !confirmed;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (plan.invalid.length > 0 || (shortening && !confirmed)) return;
    if (plan.changes.length === 0) return;
    void run(t("admin.working"), t("retention.savedAll"), async () => {
      const body = { rules: plan.changes.map((c) => ({ dataClass: c.dataClass, periodDays: c.to })) };
      data.set(await api.request(updateRetentionRules, { params: { orgId }, body }));
    });
  };

  const date = (ms: number) => new Date(ms).toLocaleDateString(i18n.language, { dateStyle: "medium" });

  return (
    <section className="section" aria-labelledby="retention-rules-heading">
      <h2 id="retention-rules-heading">{t("admin.nav.retention")}</h2>
      <p>{t("retention.how")}</p>
      <p>{t("retention.law")}</p>
      <p className="field__hint">{t("retention.who")}</p>
      <StatusMessage status={status} />
      {data.kind === "loading" ? <p>{t("admin.loading")}</p> : null}
      {data.kind === "failed" ? (
        <div className="notice notice--error" role="alert">
          <p>{t("admin.failed", { code: data.error })}</p>
        </div>
      ) : null}
      {rules ? (
        <form className="form" noValidate onSubmit={save}>
          {rules.map((rule) => (
            <RuleFields
              key={rule.dataClass}
              rule={rule}
              value={fields[rule.dataClass] ?? ""}
              invalid={tried && plan.invalid.some((c) => c === rule.dataClass)}
              change={plan.changes.find((c) => c.dataClass === rule.dataClass)}
              savedOn={rule.updatedAt === null ? null : date(rule.updatedAt)}
              onChange={(value) => setFields((f) => ({ ...f, [rule.dataClass]: value }))}
            />
          ))}
          <section className="admin-card" aria-labelledby="retention-changes-heading">
            <h3 id="retention-changes-heading">{t("retention.changes")}</h3>
            <div aria-live="polite">
              {plan.changes.length === 0 ? (
                <p>{t("retention.noChanges")}</p>
              ) : (
                <ul>
                  {plan.changes.map((c) => (
                    <li key={c.dataClass}>
                      <strong>{t(`retention.classes.${c.dataClass}.name`)}:</strong> <Effect change={c} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
            {plan.changes.length > 0 ? <p className="field__hint">{t("retention.noCount")}</p> : null}
            {shortening ? (
              <div className="checkbox-field">
                <input
                  id="retention-confirm"
                  type="checkbox"
                  checked={confirmed}
                  aria-invalid={confirmMissing ? true : undefined}
                  aria-describedby={confirmMissing ? "retention-confirm-error" : undefined}
                  onChange={(e) => setConfirmed(e.target.checked)}
                />
                <label htmlFor="retention-confirm">{t("retention.confirmShorter")}</label>
                {confirmMissing ? (
                  <p id="retention-confirm-error" className="field__error" role="alert">
                    {t("retention.confirmMissing")}
                  </p>
                ) : null}
              </div>
            ) : null}
          </section>
          <button type="submit" className="button button--primary">
            {t("retention.save")}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Effect({ change }: { change: PeriodChange }) {
  const { t } = useT();
  const values = { from: change.from, to: change.to, start: t(`retention.classes.${change.dataClass}.start`) };
  return <>{change.shorter ? t("retention.effectShorter", values) : t("retention.effectLonger", values)}</>;
}

/** One data class: what it holds and why, the saved period, the field with its bounds, the effect of a change. */
function RuleFields(props: {
  rule: RetentionRuleView;
  value: string;
  invalid: boolean;
  change: PeriodChange | undefined;
  savedOn: string | null;
  onChange: (value: string) => void;
}) {
  const { t } = useT();
  const { rule, invalid, change } = props;
  const id = `retention-${rule.dataClass}`;
  const name = `retention.classes.${rule.dataClass}` as const;
  const describedBy = [`${id}-bounds`, change ? `${id}-effect` : null, invalid ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset className="fieldset" data-retention-class={rule.dataClass}>
      <legend>{t(`${name}.name`)}</legend>
      <p>{t(`${name}.what`)}</p>
      <p>{t(`${name}.why`)}</p>
      <p>
        {t("retention.saved", { days: rule.periodDays })}{" "}
        {props.savedOn === null ? t("retention.isDefault") : `(${t("retention.changedAt", { date: props.savedOn })})`}
      </p>
      {rule.enforced ? null : <p className="field__hint">{t("retention.notEnforced")}</p>}
      {organisationClass(rule.dataClass) ? (
        <div className="field">
          <label htmlFor={id}>{t("retention.period")}</label>
          <p id={`${id}-bounds`} className="field__hint">
            {t("retention.bounds", { min: rule.minDays, max: rule.maxDays, default: rule.defaultDays })}
          </p>
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={rule.minDays}
            max={rule.maxDays}
            step={1}
            value={props.value}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => props.onChange(e.target.value)}
          />
          {invalid ? (
            <p id={`${id}-error`} className="field__error" role="alert">
              {t("retention.invalid", { min: rule.minDays, max: rule.maxDays })}
            </p>
          ) : null}
          {change ? (
            <p id={`${id}-effect`} className={change.shorter ? "notice notice--warn" : "field__hint"}>
              <Effect change={change} />
            </p>
          ) : null}
        </div>
      ) : (
        <p className="field__hint">{t("retention.instanceOnly")}</p>
      )}
    </fieldset>
  );
}
