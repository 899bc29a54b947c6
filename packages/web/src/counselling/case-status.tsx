// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView, MyRestrictionView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import type { ConversationSnapshot } from "../messaging/conversation";

/**
 * Who answers, whether they are online or away, a restriction of
 * processing, the case's state and the live connection. Rendered inside the
 * case's AddressFormContext.
 */
export function CaseStatus({
  item,
  assigneeName,
  online,
  restriction,
  live,
}: {
  item: CaseView;
  assigneeName: string;
  online: boolean;
  restriction: MyRestrictionView | undefined;
  live: ConversationSnapshot["live"];
}) {
  const { t, i18n } = useT();
  const dateOf = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(ms));
  return (
    <div className="case-status">
      {item.assigneeId ? (
        <p>{t("clientCase.answeredBy", { name: assigneeName })}</p>
      ) : item.state === "new" ? (
        <p>{t("clientCase.waiting")}</p>
      ) : null}
      {online ? (
        <p data-testid="counsellor-presence">{t("clientCase.presenceOnline", { name: assigneeName })}</p>
      ) : null}
      {item.assigneeAbsence ? (
        <div className="notice notice--warn">
          <p>
            {item.assigneeName ? t("clientCase.absence", { name: item.assigneeName }) : t("clientCase.absenceUnnamed")}
          </p>
          <p className="preserve-lines">{item.assigneeAbsence}</p>
        </div>
      ) : null}
      {restriction ? (
        <p className="notice notice--warn" data-testid="case-restricted">
          {restriction.caseId === null
            ? t("myData.restrictedAll", { date: dateOf(restriction.since) })
            : t("myData.restrictedCase", { date: dateOf(item.createdAt) })}
        </p>
      ) : null}
      {item.state === "closed" ? <p className="notice">{t("clientCase.closedNote")}</p> : null}
      {item.state === "archived" ? <p className="notice">{t("clientCase.archivedNote")}</p> : null}
      <p className="live-status" role="status">
        {t(`clientCase.live.${live}`)}
      </p>
    </div>
  );
}
