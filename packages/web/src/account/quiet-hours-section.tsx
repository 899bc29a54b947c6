// SPDX-License-Identifier: AGPL-3.0-or-later
import type { QuietHoursView } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { api as defaultApi, type ApiClient } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { TimeField } from "../components/time-field";
import { deviceZone, normaliseTime } from "../components/time-of-day";
import { useT } from "../i18n/use-t";
import { CheckboxField } from "./checkbox-field";
import { getMyQuietHours, putMyQuietHours } from "./quiet-hours-endpoints";
import { Outcome } from "../components/outcome";

/**
 * "Ruhezeiten" on the account page (issue #17, ADR 0041), for clients and
 * staff: local hours without notices; what happens then arrives as one
 * content-free digest when they end. The times are the person's wall clock
 * in their device's time zone.
 */
export default function QuietHoursSection({ api = defaultApi }: { api?: ApiClient }) {
  const { t } = useT();
  const data = useLoad((signal) => api.request(getMyQuietHours, { signal }), [api]);
  return (
    <Section title={t("quietHours.title")}>
      <p>{t("quietHours.what")}</p>
      {data.kind === "failed" ? (
        <p className="notice notice--error">{t("quietHours.loadFailed", { code: data.error })}</p>
      ) : data.kind === "ready" ? (
        <QuietHoursForm api={api} current={data.value} onChanged={data.set} />
      ) : null}
    </Section>
  );
}

function QuietHoursForm({
  api,
  current,
  onChanged,
}: {
  api: ApiClient;
  current: QuietHoursView;
  onChanged: (view: QuietHoursView) => void;
}) {
  const { t } = useT();
  const [on, setOn] = useState(current.quietHours !== null);
  const [start, setStart] = useState(current.quietHours?.start ?? "22:00");
  const [end, setEnd] = useState(current.quietHours?.end ?? "07:00");
  const [weekends, setWeekends] = useState(current.quietHours?.weekends === true);
  const [invalid, setInvalid] = useState<{ start?: string; end?: string }>({});
  const zone = current.quietHours?.timeZone ?? deviceZone();
  const action = useAction(async (body: QuietHoursView) => {
    const view = await api.request(putMyQuietHours, { body });
    onChanged(view);
    return view;
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (action.pending) return;
    action.reset();
    if (!on) {
      setInvalid({});
      void action.run({ quietHours: null });
      return;
    }
    const s = normaliseTime(start);
    const e = normaliseTime(end);
    const problems = {
      ...(s ? {} : { start: t("quietHours.invalid") }),
      ...(e ? (s === e ? { end: t("quietHours.same") } : {}) : { end: t("quietHours.invalid") }),
    };
    setInvalid(problems);
    if (!s || !e || s === e) {
      document.getElementById(problems.start ? "quiet-hours-start" : "quiet-hours-end")?.focus();
      return;
    }
    setStart(s);
    setEnd(e);
    void action.run({ quietHours: { start: s, end: e, timeZone: deviceZone(), weekends } });
  };

  const saved = action.result;
  const status =
    action.error !== null
      ? t("quietHours.failed", { code: action.error })
      : saved
        ? saved.quietHours
          ? t("quietHours.saved", { start: saved.quietHours.start, end: saved.quietHours.end }) +
            (saved.quietHours.weekends ? ` ${t("noticeRules.weekendsOn")}` : "")
          : t("quietHours.off")
        : "";

  return (
    <form className="form" noValidate onSubmit={save}>
      <p className="notice">
        {current.quietHours
          ? t("quietHours.current", {
              start: current.quietHours.start,
              end: current.quietHours.end,
              zone: current.quietHours.timeZone,
            }) + (current.quietHours.weekends ? ` ${t("noticeRules.weekendsOn")}` : "")
          : t("quietHours.none")}
      </p>
      <CheckboxField id="quiet-hours-on" label={t("quietHours.toggle")} checked={on} onChecked={setOn} />
      {on ? (
        <>
          <TimeField
            id="quiet-hours-start"
            label={t("quietHours.from")}
            hint={t("quietHours.timeHint")}
            value={start}
            onValue={setStart}
            error={invalid.start}
          />
          <TimeField
            id="quiet-hours-end"
            label={t("quietHours.until")}
            hint={t("quietHours.timeHint")}
            value={end}
            onValue={setEnd}
            error={invalid.end}
          />
          <CheckboxField
            id="quiet-hours-weekends"
            label={t("noticeRules.weekends")}
            checked={weekends}
            onChecked={setWeekends}
          />
          <p className="field__hint">{t("quietHours.zone", { zone })}</p>
        </>
      ) : null}
      <p className="actions">
        <button type="submit" className="button button--primary" aria-disabled={action.pending}>
          {t("quietHours.save")}
        </button>
      </p>
      <Outcome error={action.error !== null ? status : null} success={saved ? status : null} focus="error" />
    </form>
  );
}
