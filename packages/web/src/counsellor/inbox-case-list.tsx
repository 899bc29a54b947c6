// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { formatDuration, waitingDuration } from "../staff/format";

/** The inbox's cases as cards, in inbox order; waiting times are measured from `now`. */
export function InboxCaseList({
  ordered,
  topicName,
  now,
  accountId,
  accepting,
  onAccept,
  selectedId = null,
  onOpen,
  shortAccept = false,
}: {
  ordered: readonly CaseView[];
  topicName: ReadonlyMap<string, string>;
  now: number;
  accountId: string;
  /** The case being accepted from the list, if any. */
  accepting: string | null;
  onAccept: (c: CaseView) => void;
  /** The case open next to the list (split view). */
  selectedId?: string | null;
  /** In the split view: open the case beside the list instead of going to its page. */
  onOpen?: (c: CaseView) => void;
  /** Split view: "Übernehmen", so the open case's "Anfrage übernehmen" is the one button of that name. */
  shortAccept?: boolean;
}) {
  const { t, i18n } = useT();
  return (
    <ul className="case-list" aria-label={t("inbox.listLabel")}>
      {ordered.map((c) => (
        <li
          key={c.id}
          className={c.id === selectedId ? "case-card case-card--selected" : "case-card"}
          data-case-id={c.id}
        >
          <p className="case-card__title">
            <Link
              to={`/inbox/case?id=${encodeURIComponent(c.id)}`}
              className="case-card__link"
              aria-current={c.id === selectedId ? "true" : undefined}
              onClick={
                onOpen
                  ? (event) => {
                      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
                        return;
                      event.preventDefault();
                      onOpen(c);
                    }
                  : undefined
              }
            >
              {c.clientName}
            </Link>{" "}
            <span className={`case-badge case-badge--${c.state}`}>{t(`caseState.${c.state}`)}</span>
          </p>
          <p className="case-card__meta">{[topicName.get(c.topicId), c.teamName].filter(Boolean).join(" · ")}</p>
          <p className="case-card__meta">
            {c.assigneeName ? t("inbox.assignee", { name: c.assigneeName }) : t("inbox.unassigned")}
            {c.unread > 0 ? ` · ${t("inbox.unread", { count: c.unread })}` : ""}
          </p>
          {c.waitingSince !== null ? (
            <p className="case-card__waiting">
              {t("inbox.waiting", {
                duration: formatDuration(i18n.language, waitingDuration(now, c.waitingSince)),
              })}
            </p>
          ) : null}
          {c.preferredCounsellorId === accountId ? <p className="case-card__meta">{t("inbox.preferred")}</p> : null}
          {c.state === "new" && c.assigneeId === null ? (
            <p className="case-card__actions">
              <button type="button" className="button" aria-disabled={accepting !== null} onClick={() => onAccept(c)}>
                {accepting === c.id
                  ? t("caseView.accepting")
                  : shortAccept
                    ? t("inbox.acceptShort")
                    : t("caseView.accept")}
                <span className="visually-hidden"> – {t("inbox.acceptFor", { name: c.clientName })}</span>
              </button>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
