// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";

/** The local calendar day of a timestamp, for comparing neighbours in the timeline. */
export function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** "Heute", "Gestern" or the date, between the entries of two days. */
export function dayLabel(
  at: number,
  now: number,
  language: string,
  words: { today: string; yesterday: string },
): string {
  if (dayKey(at) === dayKey(now)) return words.today;
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (dayKey(at) === dayKey(yesterday.getTime())) return words.yesterday;
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Date(at).toLocaleDateString(language, {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

export function DaySeparator({ at }: { at: number }) {
  const { t, i18n } = useT();
  const label = dayLabel(at, Date.now(), i18n.language, {
    today: t("clientCase.today"),
    yesterday: t("clientCase.yesterday"),
  });
  return (
    <li className="timeline__day">
      <time dateTime={new Date(at).toISOString().slice(0, 10)}>{label}</time>
    </li>
  );
}
