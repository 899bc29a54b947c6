// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffNotificationsView } from "@obhut/protocol";
import { useEffect, useRef } from "react";
import { api } from "../api/client";
import { useAction } from "../api/use-action";
import { markMyNotificationsRead } from "../account/notify-push-endpoints";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { bellChanged, useBell } from "./use-bell";

/** Entries without a case open the page that shows what they are about (ADR 0041, ADR 0044). */
const PAGE_OF: Partial<Record<StaffNotificationsView["items"][number]["kind"], string>> = {
  dsr_due_soon: "/staff/dsr",
  dsr_overdue: "/staff/dsr",
  document_approval: "/staff/documents",
  audit_chain_failed: "/dpo/audit",
  job_failed: "/admin/notices",
  config_problem: "/admin",
  breach_due_soon: "/dpo/breaches",
  breach_overdue: "/dpo/breaches",
  training_due: "/trainings",
};

/**
 * "Benachrichtigungen" (issue #17, ADR 0038): the staff bell as a page the
 * shell's navigation links to, with the unread count. Each entry says what
 * kind of thing happened and links to the case; opening it marks it read.
 * Nothing else: no names, no text, no topic.
 */
export function NotificationsPage() {
  const { t, i18n } = useT();
  const bell = useBell();
  const action = useAction(async (which: { ids: string[] } | { all: true }) => {
    const view: StaffNotificationsView = await api.request(markMyNotificationsRead, { body: which });
    bell.set(view);
    bellChanged();
    return "all" in which ? "allRead" : null;
  });
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (action.result === "allRead") statusRef.current?.focus();
  }, [action.result]);
  const time = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
  const view = bell.kind === "ready" ? bell.value : null;

  return (
    <Page title={t("bell.title")} lead={t("bell.intro")}>
      {bell.kind === "failed" ? (
        <p className="notice notice--error">{t("bell.loadFailed", { code: bell.error })}</p>
      ) : view === null ? null : view.items.length === 0 ? (
        <p>{t("bell.empty")}</p>
      ) : (
        <>
          <p>{t("bell.unread", { count: view.unread })}</p>
          {view.unread > 0 ? (
            <p>
              <button
                type="button"
                className="button"
                aria-disabled={action.pending}
                onClick={() => void action.run({ all: true })}
              >
                {t("bell.markAll")}
              </button>
            </p>
          ) : null}
          <ul className="bell-list">
            {view.items.map((item) => (
              <li key={item.id} className={item.read ? "bell-list__item" : "bell-list__item bell-list__item--unread"}>
                {item.read ? null : <span className="visually-hidden">{t("bell.unreadMark")} </span>}
                {item.caseId ? (
                  <Link
                    to={`/inbox/case?id=${encodeURIComponent(item.caseId)}`}
                    onClick={() => {
                      if (!item.read) void action.run({ ids: [item.id] });
                    }}
                  >
                    {t(`bell.kinds.${item.kind}`)}
                  </Link>
                ) : PAGE_OF[item.kind] ? (
                  // No case: to the page that shows which (the DSR list, documents, audit log, console).
                  <Link
                    to={PAGE_OF[item.kind]!}
                    onClick={() => {
                      if (!item.read) void action.run({ ids: [item.id] });
                    }}
                  >
                    {t(`bell.kinds.${item.kind}`)}
                  </Link>
                ) : (
                  t(`bell.kinds.${item.kind}`)
                )}{" "}
                <span className="bell-list__time">{time(item.createdAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p
        ref={statusRef}
        tabIndex={-1}
        role={action.error ? "alert" : "status"}
        className={action.error ? "notice notice--error" : action.result ? "notice" : "visually-hidden"}
      >
        {action.error ? t("bell.failed", { code: action.error }) : action.result ? t("bell.allRead") : ""}
      </p>
    </Page>
  );
}
