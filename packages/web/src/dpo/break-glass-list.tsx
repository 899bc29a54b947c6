// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ApiClient } from "../api/client";
import { useLoad } from "../api/use-action";
import { formatDateTime } from "../staff/format";
import { useT } from "../i18n/use-t";
import { breakGlassEvents } from "./endpoints";

/**
 * Break-glass accesses: in the inbox for team leads (their teams; nothing is
 * shown to counsellors who lead no team) and in the DPO's audit page (all).
 */
export function BreakGlassList({
  api,
  orgId,
  hideWhenEmpty = false,
}: {
  api: ApiClient;
  orgId: string;
  hideWhenEmpty?: boolean;
}) {
  const { t, i18n } = useT();
  const list = useLoad(
    async (signal) => (await api.request(breakGlassEvents, { params: { orgId }, signal })).events,
    [api, orgId],
  );
  // A list that cannot be read shows as empty (and, where empty lists are hidden, not at all).
  const events = list.kind === "ready" ? list.value : list.kind === "failed" ? [] : null;
  if (events === null || (hideWhenEmpty && events.length === 0)) return null;
  return (
    <section className="section break-glass-list" aria-labelledby="break-glass-list-heading">
      <h2 id="break-glass-list-heading">{t("breakGlass.listHeading")}</h2>
      <p>{t("breakGlass.listLead")}</p>
      {events.length === 0 ? (
        <p>{t("breakGlass.listNone")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="break-glass-list-heading">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("breakGlass.colAt")}</th>
                <th scope="col">{t("breakGlass.colWho")}</th>
                <th scope="col">{t("breakGlass.colTeam")}</th>
                <th scope="col">{t("breakGlass.colCase")}</th>
                <th scope="col">{t("breakGlass.colReason")}</th>
                <th scope="col">{t("breakGlass.colUntil")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} data-testid="break-glass-event">
                  <td>{formatDateTime(i18n.language, e.createdAt)}</td>
                  <td>{e.username ?? e.accountId}</td>
                  <td>{e.teamName ?? e.teamId}</td>
                  <td>
                    <code>{e.caseId}</code>
                  </td>
                  <td className="break-glass-list__reason">{e.reason}</td>
                  <td>{formatDateTime(i18n.language, e.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
