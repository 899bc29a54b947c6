// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Quiet hours as local wall-clock times in an IANA time zone (ADR 0041):
 * 22:00–07:00 Europe/Berlin means 22:00–07:00 on the person's clock in winter
 * and in summer, so the instants move with the clock changes. The runtime's
 * time-zone data (Intl) does the conversion; nothing here knows a rule of a
 * zone. Pure functions of an instant, so tests inject the clock.
 */
export interface QuietWindow {
  /** Minutes after local midnight. start > end: the window spans midnight. */
  startMinute: number;
  endMinute: number;
  timeZone: string;
  /** Also all of Saturday and Sunday, local midnight to midnight (ADR 0044). */
  weekends?: boolean;
  /** Also these whole local days (0 Sunday … 6 Saturday): the days an office is closed (ADR 0051). */
  offDays?: readonly number[];
}

/**
 * Office hours (ADR 0051) as the quiet time they leave: closed from closing to the next opening every night,
 * and all day on the weekdays not listed.
 */
export function closedWindow(o: {
  days: readonly number[];
  start: string;
  end: string;
  timeZone: string;
}): QuietWindow {
  return {
    startMinute: minutesOf(o.end),
    endMinute: minutesOf(o.start),
    timeZone: o.timeZone,
    offDays: [0, 1, 2, 3, 4, 5, 6].filter((d) => !o.days.includes(d)),
  };
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h! * 60 + m!;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localTime(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms)))
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The zone's offset from UTC at an instant, in ms (Berlin in summer: +2 h). */
function offsetAt(ms: number, timeZone: string): number {
  const l = localTime(ms, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a local date and time has in the zone. A time the clock skips
 * (02:30 on the night summer time starts) is taken as the same time after
 * the jump (03:30); a time the clock shows twice (autumn) as the later one.
 */
export function zonedInstant(year: number, month: number, day: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minute);
  const first = guess - offsetAt(guess, timeZone);
  const offset = offsetAt(first, timeZone);
  return offset === offsetAt(guess, timeZone) ? first : guess - offset;
}

export function localMinute(ms: number, timeZone: string): number {
  const l = localTime(ms, timeZone);
  return l.hour * 60 + l.minute;
}

/** A whole day off on the local calendar: Saturday or Sunday with `weekends`, or one of `offDays`. */
function isDayOff(ms: number, w: QuietWindow): boolean {
  if (w.weekends !== true && (w.offDays === undefined || w.offDays.length === 0)) return false;
  const l = localTime(ms, w.timeZone);
  const day = new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay();
  return (w.weekends === true && (day === 0 || day === 6)) || (w.offDays?.includes(day) ?? false);
}

function inNightly(now: number, w: QuietWindow): boolean {
  const m = localMinute(now, w.timeZone);
  return w.startMinute < w.endMinute ? m >= w.startMinute && m < w.endMinute : m >= w.startMinute || m < w.endMinute;
}

export function isQuiet(now: number, w: QuietWindow): boolean {
  return inNightly(now, w) || isDayOff(now, w);
}

/** The next local end time of the nightly span after now. */
function nightlyEnd(now: number, w: QuietWindow): number {
  const l = localTime(now, w.timeZone);
  const m = l.hour * 60 + l.minute;
  // Today's end if it is still ahead on the local clock, else tomorrow's (a local calendar day, not 24 h).
  const dayShift = m < w.endMinute ? 0 : 1;
  const date = new Date(Date.UTC(l.year, l.month - 1, l.day + dayShift));
  const end = zonedInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), w.endMinute, w.timeZone);
  return end > now ? end : now + 60_000;
}

/** The next local midnight after now (the end of a weekend day). */
function nextMidnight(now: number, timeZone: string): number {
  const l = localTime(now, timeZone);
  const date = new Date(Date.UTC(l.year, l.month - 1, l.day + 1));
  const at = zonedInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, timeZone);
  return at > now ? at : now + 60_000;
}

/**
 * When the quiet time `now` falls in ends. A weekend runs into Monday's night span when that span crosses
 * midnight (Sunday 23:00 → Monday 07:00 with 22–7 h), so the end is found by stepping from one quiet stretch
 * to the next until a moment is not quiet (at most a few steps).
 */
export function quietEnd(now: number, w: QuietWindow): number {
  let at = now;
  for (let step = 0; step < 16 && isQuiet(at, w); step++) {
    at = isDayOff(at, w) ? nextMidnight(at, w.timeZone) : nightlyEnd(at, w);
  }
  return at > now ? at : now + 60_000;
}
