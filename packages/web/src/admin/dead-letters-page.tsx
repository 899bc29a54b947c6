// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DeadLettersView, DeadLetterView } from "@obhut/protocol";
import { useAction, useLoad } from "../api/use-action";
import { listDeadLetters, retryDeadLetter } from "../account/quiet-hours-endpoints";
import { formatDateTime } from "../staff/format";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { Outcome } from "../components/outcome";

/**
 * "Fehlgeschlagene Benachrichtigungen" (issue #17, ADR 0041): notices that
 * failed after every retry, each with its kind, channel, time, number of
 * tries and a reason from a fixed list — never a recipient, address or case —
 * and "Erneut versuchen", which puts it back into the queue with all its
 * checks. One older than a day would be dropped there, so it has no button.
 */
export function DeadLettersPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("deadLetters.title")} lead={t("deadLetters.lead")}>
      {(admin) => <DeadLetters admin={admin} />}
    </AdminPage>
  );
}

const KINDS = new Set([
  "new_answer",
  "new_enquiry",
  "new_message",
  "handed_to_me",
  "break_glass",
  "dsr_due_soon",
  "dsr_overdue",
  "digest",
]);

function DeadLetters({ admin }: { admin: AdminContext }) {
  const { t, i18n } = useT();
  const data = useLoad(
    (signal) => admin.api.request(listDeadLetters, { params: { orgId: admin.orgId }, signal }),
    [admin],
  );
  const action = useAction(async (id: string) => {
    const view: DeadLettersView = await admin.api.request(retryDeadLetter, {
      params: { orgId: admin.orgId, letterId: id },
    });
    if (data.kind === "ready") data.set(view);
    return true;
  });
  const words = (l: DeadLetterView) => ({
    kind: t(`deadLetters.kinds.${KINDS.has(l.kind) ? (l.kind as "digest") : "other"}`),
    channel: t(`deadLetters.channels.${l.channel}`),
    date: formatDateTime(i18n.language, l.createdAt),
  });

  return (
    <>
      {data.kind === "failed" ? (
        <p className="notice notice--error">{t("deadLetters.loadFailed", { code: data.error })}</p>
      ) : data.kind === "loading" ? null : data.value.items.length === 0 ? (
        <p>{t("deadLetters.empty")}</p>
      ) : (
        <ul className="card-list">
          {data.value.items.map((l) => (
            <li key={l.id} className="card">
              <p>{t("deadLetters.item", { ...words(l), attempts: l.attempts })}</p>
              <p>{t(`deadLetters.reasons.${l.reason}`)}</p>
              {l.expired ? (
                <p className="field__hint">{t("deadLetters.expired")}</p>
              ) : (
                <p>
                  <button
                    type="button"
                    className="button"
                    aria-disabled={action.pending}
                    aria-label={t("deadLetters.retryLabel", words(l))}
                    onClick={() => void action.run(l.id)}
                  >
                    {t("deadLetters.retry")}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <Outcome
        error={action.error !== null ? t("deadLetters.failed", { code: action.error }) : null}
        success={action.result ? t("deadLetters.retried") : null}
        focus="any"
      />
    </>
  );
}
