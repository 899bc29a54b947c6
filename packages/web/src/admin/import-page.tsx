// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type ChangeEvent } from "react";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { StatusMessage, errorText, useStatusAction } from "./admin-status";
import { CSV_MAX_ROWS, type ImportPlan, planImport } from "./csv-import";
import { createInvitation, listTeams } from "./endpoints";
import { type ImportOutcome, ImportPlanSection, ImportResultSection } from "./import-plan";
import { inviteLink } from "./staff-roles";

/**
 * Bulk invitations from a CSV file: a dry run first (per row: valid or why
 * not, and what would happen), then the invitations, each with its link to
 * hand out. The file never leaves the browser (see csv-import.ts).
 */
export function ImportPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("admin.import.title")} lead={t("admin.import.lead", { max: CSV_MAX_ROWS })}>
      {(admin) => <Import admin={admin} />}
    </AdminPage>
  );
}

function Import({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const loadedTeams = useLoad((signal) => api.request(listTeams, { params: { orgId }, signal }), [api, orgId]);
  // Without the teams (still loading, or failed) a team name in the file reads as unknown.
  const teams = loadedTeams.kind === "ready" ? loadedTeams.value.teams : [];
  const [text, setText] = useState("");
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [outcomes, setOutcomes] = useState<ImportOutcome[] | null>(null);
  const { status, run } = useStatusAction();

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
    setPlan(null);
    setOutcomes(null);
  };

  const valid = plan?.rows.filter((r) => r.problems.length === 0) ?? [];

  const dryRun = () => {
    setOutcomes(null);
    setPlan(planImport(text, teams));
  };

  const importRows = () =>
    run(t("admin.import.importing"), t("admin.import.done", { count: valid.length }), async () => {
      const results: ImportOutcome[] = [];
      // One request per row: the same checks, audit events and rate limits as a single invitation.
      for (const row of valid) {
        try {
          const res = await api.request(createInvitation, {
            params: { orgId },
            body: { role: row.role!, ...(row.team ? { teamId: row.team.id } : {}) },
          });
          results.push({ line: row.line, person: row.person, link: inviteLink(res.token), error: null });
        } catch (error) {
          results.push({ line: row.line, person: row.person, link: null, error: errorText(t, error) });
        }
      }
      setOutcomes(results);
      setPlan(null);
    });

  return (
    <>
      <StatusMessage status={status} />
      <section className="section" aria-labelledby="import-file-heading">
        <h2 id="import-file-heading">{t("admin.import.fileHeading")}</h2>
        <p>{t("admin.import.format")}</p>
        <pre className="admin-sample">
          {"Person;Rolle;Team\nanna@example.org;Beraterin;Team Nord\nBen Meier;admin;"}
        </pre>
        <div className="field">
          <label htmlFor="import-file">{t("admin.import.file")}</label>
          <input id="import-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void readFile(e)} />
        </div>
        <div className="field">
          <label htmlFor="import-text">{t("admin.import.text")}</label>
          <textarea id="import-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="button" className="button button--primary" disabled={text.trim() === ""} onClick={dryRun}>
          {t("admin.import.dryRun")}
        </button>
      </section>

      {plan ? <ImportPlanSection plan={plan} valid={valid.length} onImport={() => void importRows()} /> : null}
      {outcomes ? <ImportResultSection outcomes={outcomes} /> : null}
    </>
  );
}
