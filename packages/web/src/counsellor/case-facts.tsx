// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { formatDateTime } from "../staff/format";

/** State, team, assignee, dates, an absence notice and the archived note of a case. */
export function CaseFacts({ c }: { c: CaseView }) {
  const { t, i18n } = useT();
  return (
    <Section title={t("caseView.facts")}>
      <dl className="case-facts">
        <dt>{t("caseView.state")}</dt>
        <dd data-testid="case-state">{t(`caseState.${c.state}`)}</dd>
        <dt>{t("caseView.team")}</dt>
        <dd>{c.teamName}</dd>
        <dt>{t("caseView.assignee")}</dt>
        <dd data-testid="case-assignee">{c.assigneeName ?? t("caseView.nobody")}</dd>
        <dt>{t("caseView.created")}</dt>
        <dd>{formatDateTime(i18n.language, c.createdAt)}</dd>
        <dt>{t("caseView.waiting")}</dt>
        <dd>{c.waitingSince === null ? t("caseView.notWaiting") : formatDateTime(i18n.language, c.waitingSince)}</dd>
      </dl>
      {c.assigneeAbsence ? (
        <div className="notice notice--warn">
          <p>{t("caseView.absence")}</p>
          <p className="message__text">{c.assigneeAbsence}</p>
        </div>
      ) : null}
      {c.state === "archived" ? <p className="notice">{t("caseView.archivedNote")}</p> : null}
    </Section>
  );
}
