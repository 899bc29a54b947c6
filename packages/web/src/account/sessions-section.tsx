// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef } from "react";
import { api } from "../api/client";
import { listSessions, revokeOtherSessions, revokeSession } from "../api/endpoints";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";

type Notice = { ok: true; ended: number } | { ok: false };

/**
 * "Angemeldete Geräte": the account's open logins, with times only (the
 * server stores no addresses and no browser names), each can be ended, or
 * all but this one — for a phone left somewhere or a shared computer.
 */
export default function SessionsSection() {
  const { t, i18n } = useT();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const data = useLoad((signal) => api.request(listSessions, { signal }), []);
  const action = useAction(async (work: () => Promise<number>): Promise<Notice> => ({ ok: true, ended: await work() }));
  const notice: Notice | null = action.error !== null ? { ok: false } : (action.result ?? null);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const end = async (work: () => Promise<number>) => {
    const outcome = await action.run(work);
    if (!("ignored" in outcome)) await data.reload().catch(() => {});
  };
  const when = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
  const sessions = data.kind === "ready" ? data.value.sessions : [];
  const others = sessions.filter((s) => !s.current);

  return (
    <Section title={t("sessions.title")}>
      <p>{t("sessions.explain")}</p>
      {notice ? (
        <p
          className={notice.ok ? "notice" : "notice notice--error"}
          role={notice.ok ? "status" : "alert"}
          tabIndex={-1}
          ref={noticeRef}
        >
          {notice.ok ? t("sessions.ended", { count: notice.ended }) : t("sessions.failed")}
        </p>
      ) : null}
      {data.kind === "loading" ? <p role="status">{t("common.loading")}</p> : null}
      {data.kind === "failed" ? (
        <p className="notice notice--error" role="alert">
          {t("sessions.failed")}
        </p>
      ) : null}
      {sessions.length > 0 ? (
        <ul className="session-list">
          {sessions.map((session) => (
            <li key={session.id}>
              {session.current ? <strong>{t("sessions.current")}: </strong> : null}
              {t("sessions.line", { since: when(session.createdAt), seen: when(session.lastSeenAt) })}{" "}
              {session.current ? null : (
                <button
                  type="button"
                  className="button"
                  aria-label={t("sessions.endOneLabel", { since: when(session.createdAt) })}
                  onClick={() =>
                    void end(async () => {
                      await api.request(revokeSession, { params: { sessionId: session.id } });
                      return 1;
                    })
                  }
                >
                  {t("sessions.endOne")}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <button
          type="button"
          className="button"
          aria-busy={action.pending}
          onClick={() => void end(async () => (await api.request(revokeOtherSessions)).endedSessions)}
        >
          {t("sessions.endOthers")}
        </button>
      ) : data.kind === "ready" ? (
        <p>{t("sessions.onlyThis")}</p>
      ) : null}
    </Section>
  );
}
