// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useT } from "../i18n/use-t";
import { minutesOf } from "./format";

export interface SlotDraft {
  weekday: number;
  start: string;
  end: string;
  slotMinutes: 30 | 45 | 60;
  kinds: string[];
}

const KINDS = ["video", "phone", "on_site"] as const;
const LENGTHS = [30, 45, 60] as const;
/** Monday first, as a German week is read; the values stay 0 = Sunday … 6 = Saturday. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** The weekly time windows and days off of the staff page "Termine" (ADR 0052), saved together. */
export function AvailabilityForm(props: {
  initialSlots: SlotDraft[];
  initialDaysOff: string[];
  pending: boolean;
  onSave: (slots: SlotDraft[], daysOff: string[]) => Promise<unknown>;
  status: string | null;
  failed: boolean;
}) {
  const { t } = useT();
  const [slots, setSlots] = useState<SlotDraft[]>(props.initialSlots);
  const [daysOff, setDaysOff] = useState<string[]>(props.initialDaysOff);
  const [dayOff, setDayOff] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const weekdays = t("appointments.weekdays", { returnObjects: true }) as unknown as string[];
  const update = (i: number, change: Partial<SlotDraft>) =>
    setSlots((all) => all.map((s, j) => (j === i ? { ...s, ...change } : s)));

  return (
    <form
      className="staff-form"
      aria-labelledby="appointments-weekly"
      onSubmit={(event) => {
        event.preventDefault();
        if (slots.some((s) => s.kinds.length === 0)) return setProblem(t("appointments.needKind"));
        if (slots.some((s) => minutesOf(s.end) - minutesOf(s.start) < s.slotMinutes))
          return setProblem(t("appointments.tooShort"));
        setProblem(null);
        if (!props.pending) void props.onSave(slots, daysOff);
      }}
    >
      <h2 id="appointments-weekly">{t("appointments.weekly")}</h2>
      <p>{t("appointments.weeklyHint")}</p>
      {slots.length === 0 ? <p>{t("appointments.noSlots")}</p> : null}
      {slots.map((slot, i) => {
        const id = (name: string) => `slot-${i}-${name}`;
        const n = i + 1;
        return (
          <fieldset key={i} className="appointments__slot">
            <legend>{t("appointments.slotLabel", { n })}</legend>
            <div className="field">
              <label htmlFor={id("weekday")}>{t("appointments.weekday")}</label>
              <select
                id={id("weekday")}
                value={slot.weekday}
                onChange={(e) => update(i, { weekday: Number(e.target.value) })}
              >
                {WEEK.map((d) => (
                  <option key={d} value={d}>
                    {weekdays[d]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id("start")}>{t("appointments.start")}</label>
              <input
                id={id("start")}
                type="time"
                required
                value={slot.start}
                onChange={(e) => update(i, { start: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={id("end")}>{t("appointments.end")}</label>
              <input
                id={id("end")}
                type="time"
                required
                value={slot.end}
                onChange={(e) => update(i, { end: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={id("length")}>{t("appointments.length")}</label>
              <select
                id={id("length")}
                value={slot.slotMinutes}
                onChange={(e) => update(i, { slotMinutes: Number(e.target.value) as SlotDraft["slotMinutes"] })}
              >
                {LENGTHS.map((m) => (
                  <option key={m} value={m}>
                    {t("appointments.minutes", { count: m })}
                  </option>
                ))}
              </select>
            </div>
            <fieldset>
              <legend>{t("appointments.kinds")}</legend>
              {KINDS.map((k) => (
                <label key={k} className="choice">
                  <input
                    type="checkbox"
                    checked={slot.kinds.includes(k)}
                    onChange={(e) =>
                      update(i, {
                        kinds: e.target.checked ? [...slot.kinds, k] : slot.kinds.filter((x) => x !== k),
                      })
                    }
                  />{" "}
                  {t(`appointments.kind.${k}`)}
                </label>
              ))}
            </fieldset>
            <button
              type="button"
              className="link-button"
              onClick={() => setSlots((all) => all.filter((_, j) => j !== i))}
            >
              {t("appointments.removeSlot", { n })}
            </button>
          </fieldset>
        );
      })}
      <p className="button-row">
        <button
          type="button"
          className="button"
          onClick={() =>
            setSlots((all) => [
              ...all,
              { weekday: 1, start: "09:00", end: "12:00", slotMinutes: 60, kinds: ["video", "phone"] },
            ])
          }
        >
          {t("appointments.addSlot")}
        </button>
      </p>
      <h2>{t("appointments.daysOff")}</h2>
      <p>{t("appointments.daysOffHint")}</p>
      <ul className="appointments__list">
        {daysOff.map((d) => (
          <li key={d}>
            {d}{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => setDaysOff((all) => all.filter((x) => x !== d))}
            >
              {t("appointments.removeDayOff", { day: d })}
            </button>
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor="appointments-day-off">{t("appointments.dayOff")}</label>
        <input id="appointments-day-off" type="date" value={dayOff} onChange={(e) => setDayOff(e.target.value)} />
      </div>
      <p className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => {
            if (dayOff !== "" && !daysOff.includes(dayOff)) setDaysOff((all) => [...all, dayOff].sort());
            setDayOff("");
          }}
        >
          {t("appointments.addDayOff")}
        </button>
      </p>
      <p className="button-row">
        <button type="submit" className="button button--primary" aria-disabled={props.pending}>
          {t("appointments.save")}
        </button>
      </p>
      <p
        className={
          problem || props.failed ? "notice notice--error" : props.status ? "notice notice--success" : "visually-hidden"
        }
        role="status"
      >
        {problem ?? props.status ?? ""}
      </p>
    </form>
  );
}
