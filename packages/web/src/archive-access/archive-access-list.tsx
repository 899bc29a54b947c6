// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ArchiveAccessView } from "@obhut/protocol";
import type { ApiClient } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { formatDateTime } from "../staff/format";
import { useT } from "../i18n/use-t";
import { archiveAccessRequests, decideArchiveAccess } from "./endpoints";

/**
 * Archive-access requests (ADR 0032): in the inbox for team leads (their
 * teams; hidden when there are none), on the DPO's audit page with
 * "Freigeben"/"Ablehnen" for pending ones (the DPO only), and in the admin
 * console, where the requester reads an approved case (`onRead`).
 */
export function ArchiveAccessList({
  api,
  orgId,
  hideWhenEmpty = false,
  canDecide = false,
  onRead,
  version = 0,
}: {
  api: ApiClient;
  orgId: string;
  hideWhenEmpty?: boolean;
  canDecide?: boolean;
  onRead?: (request: ArchiveAccessView) => void;
  /** Changing it loads the list again (after a new request). */
  version?: number;
}) {
  const { t, i18n } = useT();
  const list = useLoad(
    async (signal) => (await api.request(archiveAccessRequests, { params: { orgId }, signal })).requests,
    [api, orgId, version],
  );
  const decide = useAction(async (requestId: string, approve: boolean) => {
    const { request } = await api.request(decideArchiveAccess, { params: { orgId, requestId }, body: { approve } });
    list.set((old) => old.map((r) => (r.id === request.id ? request : r)));
    return request;
  });
  // A list that cannot be read shows as empty (and, where empty lists are hidden, not at all).
  const requests = list.kind === "ready" ? list.value : list.kind === "failed" ? [] : null;
  if (requests === null || (hideWhenEmpty && requests.length === 0)) return null;
  return (
    <section className="section archive-access-list" aria-labelledby="archive-access-list-heading">
      <h2 id="archive-access-list-heading">{t("archiveAccess.listHeading")}</h2>
      <p>{t("archiveAccess.listLead")}</p>
      {decide.error ? (
        <p className="notice notice--error" role="alert">
          {t("archiveAccess.failed", { code: decide.error })}
        </p>
      ) : decide.result ? (
        <p className="notice notice--success" role="status">
          {t("archiveAccess.decided")}
        </p>
      ) : null}
      {requests.length === 0 ? (
        <p>{t("archiveAccess.listNone")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="archive-access-list-heading">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("archiveAccess.colAt")}</th>
                <th scope="col">{t("archiveAccess.colWho")}</th>
                <th scope="col">{t("archiveAccess.colTeam")}</th>
                <th scope="col">{t("archiveAccess.colCase")}</th>
                <th scope="col">{t("archiveAccess.colReason")}</th>
                <th scope="col">{t("archiveAccess.colState")}</th>
                <th scope="col">{t("archiveAccess.colDecided")}</th>
                <th scope="col">{t("archiveAccess.colUntil")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-testid="archive-access-request">
                  <td>{formatDateTime(i18n.language, r.requestedAt)}</td>
                  <td>{r.requesterName ?? r.requestedBy}</td>
                  <td>{r.teamName ?? r.teamId}</td>
                  <td>
                    <code>{r.caseId}</code>
                  </td>
                  <td className="archive-access-list__reason">{r.reason}</td>
                  <td>
                    {t(`archiveAccess.state.${r.state}`)}
                    {canDecide && r.state === "pending" ? (
                      <span
                        className="archive-access-list__actions"
                        role="group"
                        aria-label={t("archiveAccess.decideLabel", {
                          who: r.requesterName ?? r.requestedBy,
                          ref: r.caseId.slice(0, 8),
                        })}
                      >
                        <button
                          type="button"
                          className="button button--primary"
                          aria-disabled={decide.pending}
                          onClick={() => void decide.run(r.id, true)}
                        >
                          {t("archiveAccess.approve")}
                        </button>{" "}
                        <button
                          type="button"
                          className="button"
                          aria-disabled={decide.pending}
                          onClick={() => void decide.run(r.id, false)}
                        >
                          {t("archiveAccess.refuse")}
                        </button>
                      </span>
                    ) : null}
                    {onRead && r.conversationId ? (
                      <span className="archive-access-list__actions">
                        <button type="button" className="button button--primary" onClick={() => onRead(r)}>
                          {t("archiveAccess.read")}
                        </button>
                      </span>
                    ) : null}
                  </td>
                  <td>{r.deciderName ?? r.decidedBy ?? "—"}</td>
                  <td>{r.expiresAt === null ? "—" : formatDateTime(i18n.language, r.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
