// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Deadlines of data-subject requests in calendar days. GDPR Art. 12(3):
 * one month from receipt, extendable by two further months. Months are
 * counted as EU Regulation 1182/71 Art. 3(2)(c) does: the period ends on the
 * day of the later month with the same number as the day of receipt, or on
 * that month's last day if it has no such day (31 January → 28/29 February).
 * "Today" is the calendar day in the organisation's legal time zone.
 */
export const DSR_TIME_ZONE = "Europe/Berlin";

const DAY_MS = 24 * 60 * 60 * 1000;

function parse(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** `date` plus whole months, clamped to the last day of the target month. */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return format(ty, tm, Math.min(d, last));
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parse(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day of instant `now` in `timeZone`. */
export function calendarDay(now: number, timeZone = DSR_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(now),
  );
}

export function dueOn(receivedOn: string, extensionMonths: number): string {
  return addMonths(receivedOn, 1 + extensionMonths);
}

/** Whether a still-open request needs attention today: due within `daysBefore` days, or past due. */
export function attentionOf(due: string, today: string, daysBefore: number): "due_soon" | "overdue" | null {
  if (today > due) return "overdue";
  if (today >= addDays(due, -daysBefore)) return "due_soon";
  return null;
}
