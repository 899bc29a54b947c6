// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ApiClient } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { Outcome } from "../components/outcome";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { formatDateTime } from "../staff/format";
import { getAbsence, setAbsence } from "./endpoints";

/**
 * The absence reminder (issue #17): back in the inbox while the absence notice still answers clients, a
 * counsellor is told so — with its end, if set — and can switch it off in one step or change it. Clients
 * who write meanwhile keep getting "I am away" from someone who is there.
 */
export function AbsenceReminder({ api, now }: { api: ApiClient; now: number }) {
  const { t, i18n } = useT();
  const current = useLoad((signal) => api.request(getAbsence, { signal }), [api]);
  const absence = current.kind === "ready" ? current.value : null;
  const off = useAction(async () => {
    if (!absence) return null;
    current.set(await api.request(setAbsence, { body: { ...absence, active: false } }));
    return t("absence.reminder.switchedOff");
  });
  const inEffect = absence !== null && absence.active && (absence.until === null || absence.until > now);
  if (!inEffect)
    // The outcome stays in the page, so "switched off" is heard after the reminder is gone.
    return <Outcome error={null} success={off.result} />;
  return (
    <div className="notice notice--warn" role="region" aria-labelledby="absence-reminder-heading">
      <h2 id="absence-reminder-heading" className="notice__title">
        {t("absence.reminder.title")}
      </h2>
      <p>
        {absence.until === null
          ? t("absence.reminder.open")
          : t("absence.reminder.until", { until: formatDateTime(i18n.language, absence.until) })}
      </p>
      <p className="button-row">
        <button type="button" className="button" aria-disabled={off.pending} onClick={() => void off.run()}>
          {t("absence.reminder.switchOff")}
        </button>
        <Link to="/inbox/absence">{t("absence.reminder.edit")}</Link>
      </p>
      <Outcome error={off.error && t("absence.failed", { code: off.error })} success={null} focus="error" />
    </div>
  );
}
