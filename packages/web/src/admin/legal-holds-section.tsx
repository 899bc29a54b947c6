// SPDX-License-Identifier: AGPL-3.0-or-later
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { failedText } from "./admin-status";
import { listAccounts } from "./endpoints";
import { listLegalHolds } from "./retention-endpoints";

/**
 * The organisation's active legal holds: case, reason, since when and by
 * whom. Administrators may not open cases (case.read is for the case's
 * team), so the list names the case instead of linking to it.
 */
export function LegalHoldsSection({ admin }: { admin: AdminContext }) {
  const { t, i18n } = useT();
  const { api, orgId } = admin;
  const data = useLoad(
    async (signal) => {
      const [h, a] = await Promise.all([
        api.request(listLegalHolds, { params: { orgId }, signal }),
        api.request(listAccounts, { params: { orgId }, signal }),
      ]);
      return { holds: h.holds, names: new Map(a.accounts.map((x) => [x.id, x.username])) };
    },
    [api, orgId],
  );
  const when = (ms: number) => new Date(ms).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });

  return (
    <section className="section" aria-labelledby="legal-holds-heading">
      <h2 id="legal-holds-heading">{t("retention.holds.title")}</h2>
      <p>{t("retention.holds.lead")}</p>
      {data.kind === "loading" ? <p>{t("admin.loading")}</p> : null}
      {data.kind === "failed" ? (
        <div className="notice notice--error" role="alert">
          <p>{failedText(t, data.error)}</p>
        </div>
      ) : null}
      {data.kind === "ready" && data.value.holds.length === 0 ? <p>{t("retention.holds.none")}</p> : null}
      {data.kind === "ready" && data.value.holds.length > 0 ? (
        <>
          <ul className="admin-list" data-testid="legal-holds">
            {data.value.holds.map((hold) => (
              <li key={hold.id} className="admin-card">
                <h3>{t("retention.holds.caseLabel", { ref: hold.caseId.slice(0, 8) })}</h3>
                <dl className="admin-facts">
                  <dt>{t("retention.holds.reason")}</dt>
                  <dd className="admin-sample">{hold.reason}</dd>
                  <dt>{t("retention.holds.since")}</dt>
                  <dd>{when(hold.setAt)}</dd>
                  <dt>{t("retention.holds.by")}</dt>
                  <dd>
                    {(hold.setBy !== null ? data.value.names.get(hold.setBy) : undefined) ??
                      t("retention.holds.unknown")}
                  </dd>
                  <dt>{t("retention.holds.caseId")}</dt>
                  <dd>
                    <code>{hold.caseId}</code>
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
          <p className="field__hint">{t("retention.holds.open")}</p>
        </>
      ) : null}
    </section>
  );
}
