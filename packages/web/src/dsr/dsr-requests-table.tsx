// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DsrRequestView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import { RequestActions } from "./dsr-request-actions";

/** The registered requests with their deadlines; open ones carry their actions. */
export function RequestsTable(props: {
  requests: readonly DsrRequestView[];
  busy: boolean;
  day: (d: string) => string;
  subjectText: (s: DsrRequestView["subject"]) => string;
  onExtend: (request: DsrRequestView, months: number, reason: string) => Promise<boolean>;
  onClose: (request: DsrRequestView, outcome: "done" | "refused", reason?: string) => Promise<boolean>;
}) {
  const { t } = useT();
  const { day } = props;
  if (props.requests.length === 0) return <p>{t("dsr.none")}</p>;
  return (
    <div className="dsr-table-wrap" tabIndex={0} role="region" aria-labelledby="dsr-list-heading">
      <table className="dsr-table">
        <thead>
          <tr>
            <th scope="col">{t("dsr.col.type")}</th>
            <th scope="col">{t("dsr.col.subject")}</th>
            <th scope="col">{t("dsr.col.received")}</th>
            <th scope="col">{t("dsr.col.due")}</th>
            <th scope="col">{t("dsr.col.status")}</th>
            <th scope="col">{t("dsr.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {props.requests.map((r) => (
            <tr key={r.id} data-request={r.id}>
              <td>{t(`dsr.type.${r.type}`)}</td>
              <td>{props.subjectText(r.subject)}</td>
              <td>{day(r.receivedOn)}</td>
              <td>
                {day(r.dueOn)}
                {r.attention ? (
                  <>
                    {" "}
                    <span className="dsr-attention">({t(`dsr.attention.${r.attention}`)})</span>
                  </>
                ) : null}
              </td>
              <td>
                {t(`dsr.status.${r.status}`)}
                {r.extensionReason ? (
                  <p>{t("dsr.extendedBy", { months: r.extensionMonths, reason: r.extensionReason })}</p>
                ) : null}
                {r.closedReason ? <p>{t("dsr.closedWith", { reason: r.closedReason })}</p> : null}
              </td>
              <td>
                {r.status === "open" || r.status === "extended" ? (
                  <RequestActions
                    request={r}
                    label={t("dsr.actionsFor", { date: day(r.receivedOn) })}
                    busy={props.busy}
                    onExtend={(months, reason) => props.onExtend(r, months, reason)}
                    onClose={(outcome, reason) => props.onClose(r, outcome, reason)}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
