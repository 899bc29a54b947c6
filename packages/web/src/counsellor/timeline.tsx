// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import { formatDateTime } from "../staff/format";

/** The case's events as both sides see them (greeting and absence texts are organisational, never case content). */
export function Timeline({ events }: { events: readonly CaseEventView[] }) {
  const { t, i18n } = useT();
  const someone = t("caseView.someone");
  const text = (e: CaseEventView): string => {
    const actor = e.actorName ?? someone;
    const name = e.assigneeName ?? someone;
    switch (e.type) {
      case "accepted":
        return t("caseView.event.accepted", { name });
      case "assigned":
        return t("caseView.event.assigned", { actor, name });
      case "handed_over":
        return e.assigneeId
          ? t("caseView.event.handed_over", { actor, name })
          : t("caseView.event.handed_over_team", { actor });
      case "closed":
        return t("caseView.event.closed", { actor });
      default:
        return t(`caseView.event.${e.type}`);
    }
  };
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id} data-event={e.type}>
          <span>{formatDateTime(i18n.language, e.createdAt)}</span> – <span>{text(e)}</span>
          {e.text ? <p className="message__text">{e.text}</p> : null}
        </li>
      ))}
    </ol>
  );
}
