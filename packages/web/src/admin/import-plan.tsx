// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";
import { CSV_MAX_ROWS, type ImportPlan } from "./csv-import";

export type ImportOutcome = { line: number; person: string; link: string | null; error: string | null };

/** The dry run: why the file was refused, or per row whether it is valid and what would happen. */
export function ImportPlanSection({
  plan,
  valid,
  onImport,
}: {
  plan: ImportPlan;
  valid: number;
  onImport: () => void;
}) {
  const { t } = useT();
  return (
    <section className="section" aria-labelledby="import-plan-heading">
      <h2 id="import-plan-heading" tabIndex={-1} ref={(el) => el?.focus()}>
        {t("admin.import.planHeading")}
      </h2>
      {plan.refused ? (
        <p className="notice notice--error">{t(`admin.import.refused.${plan.refused}`, { max: CSV_MAX_ROWS })}</p>
      ) : (
        <>
          <p>{t("admin.import.summary", { valid, total: plan.rows.length })}</p>
          <ul className="admin-list">
            {plan.rows.map((row) => (
              <li key={row.line} className="admin-card" data-valid={row.problems.length === 0}>
                <p>
                  <strong>{t("admin.import.line", { line: row.line })}</strong> {row.person || "–"}
                </p>
                {row.problems.length === 0 ? (
                  <p>
                    {t("admin.import.wouldInvite", {
                      role: t(`admin.roles.${row.role!}`),
                      team: row.team ? row.team.name : t("admin.users.noTeam"),
                    })}
                  </p>
                ) : (
                  <ul>
                    {row.problems.map((p) => (
                      <li key={p}>
                        {t(`admin.import.problems.${p}`, {
                          value: p === "role_unknown" ? row.roleText : row.teamText,
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          <button type="button" className="button button--primary" disabled={valid === 0} onClick={onImport}>
            {t("admin.import.import", { count: valid })}
          </button>
        </>
      )}
    </section>
  );
}

/** The invitations made, each with its link to hand out once, or why it failed. */
export function ImportResultSection({ outcomes }: { outcomes: ImportOutcome[] }) {
  const { t } = useT();
  return (
    <section className="section" aria-labelledby="import-result-heading">
      <h2 id="import-result-heading">{t("admin.import.resultHeading")}</h2>
      <p>{t("admin.users.linkOnce")}</p>
      <ul className="admin-list">
        {outcomes.map((o) => (
          <li key={o.line} className="admin-card">
            <p>
              <strong>{o.person}</strong>
            </p>
            {o.link ? <code className="admin-link">{o.link}</code> : <p className="field__error">{o.error}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
