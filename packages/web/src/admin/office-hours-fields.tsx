// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OfficeHours } from "@obhut/protocol";
import { useState } from "react";
import { CheckboxField } from "../account/checkbox-field";
import { TimeField } from "../components/time-field";
import { deviceZone, normaliseTime } from "../components/time-of-day";
import { useT } from "../i18n/use-t";
import { useSeed } from "./use-seed";

/** Monday first, as a German week is read; the values are JavaScript's weekdays (0 Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

/** The weekday's name in the page's language (a Monday in January 2024 is the 1st). */
function dayName(language: string, day: number): string {
  return new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, day === 0 ? 7 : day)),
  );
}

/**
 * The organisation's office hours (ADR 0051) in the console's "Wege der
 * Benachrichtigung" form: weekdays and the times the organisation answers,
 * in the time zone they were set in (the admin's device's, the first time).
 * Outside them, staff are told of case work by e-mail and push only when the
 * office opens again.
 */
export function useOfficeHours(current: OfficeHours | null | undefined) {
  const { t, i18n } = useT();
  const [on, setOn] = useState(false);
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [start, setStart] = useState("09:00");
  const [end, setEnd] = useState("16:00");
  const [problems, setProblems] = useState<{ days?: string; start?: string; end?: string }>({});
  useSeed(current, (hours) => {
    setOn(hours !== null);
    if (hours) {
      setDays(hours.days);
      setStart(hours.start);
      setEnd(hours.end);
    }
  });
  const zone = current?.timeZone ?? deviceZone();

  /** What to send: the hours, null for none, or undefined when a field is wrong (focus is then there). */
  const read = (): OfficeHours | null | undefined => {
    if (!on) {
      setProblems({});
      return null;
    }
    const s = normaliseTime(start);
    const e = normaliseTime(end);
    const found = {
      ...(days.length === 0 ? { days: t("officeHours.noDay") } : {}),
      ...(s ? {} : { start: t("officeHours.invalidTime") }),
      ...(e ? (s && s >= e ? { end: t("officeHours.order") } : {}) : { end: t("officeHours.invalidTime") }),
    };
    setProblems(found);
    if (found.days || found.start || found.end) {
      document
        .getElementById(found.days ? `office-day-${WEEK[0]}` : found.start ? "office-hours-start" : "office-hours-end")
        ?.focus();
      return undefined;
    }
    setStart(s!);
    setEnd(e!);
    return { days: WEEK.filter((d) => days.includes(d)), start: s!, end: e!, timeZone: zone };
  };

  const fields = (
    <>
      <CheckboxField id="office-hours-on" label={t("officeHours.toggle")} checked={on} onChecked={setOn} />
      <p className="field__hint">{t("officeHours.hint")}</p>
      {on ? (
        <>
          <fieldset className="field" aria-describedby={problems.days ? "office-days-error" : undefined}>
            <legend>{t("officeHours.days")}</legend>
            {WEEK.map((d) => (
              <CheckboxField
                key={d}
                id={`office-day-${d}`}
                label={dayName(i18n.language, d)}
                checked={days.includes(d)}
                onChecked={(checked) => setDays((all) => (checked ? [...all, d] : all.filter((x) => x !== d)))}
              />
            ))}
            {problems.days ? (
              <p id="office-days-error" className="field__error">
                {problems.days}
              </p>
            ) : null}
          </fieldset>
          <TimeField
            id="office-hours-start"
            label={t("officeHours.from")}
            hint={t("officeHours.timeHint")}
            value={start}
            onValue={setStart}
            error={problems.start}
          />
          <TimeField
            id="office-hours-end"
            label={t("officeHours.until")}
            hint={t("officeHours.timeHint")}
            value={end}
            onValue={setEnd}
            error={problems.end}
          />
          <p className="field__hint">{t("officeHours.zone", { zone })}</p>
        </>
      ) : null}
    </>
  );
  return { fields, read };
}
