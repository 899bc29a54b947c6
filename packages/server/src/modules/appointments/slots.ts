// SPDX-License-Identifier: AGPL-3.0-or-later
import { APPOINTMENT_HORIZON_DAYS, type AppointmentKind, type FreeSlot } from "@obhut/protocol";
import { zonedInstant } from "../notifications";

/**
 * The free slots of a counsellor (ADR 0052): the weekly rules are local
 * times in an IANA zone, turned into instants day by day with the zoned-time
 * helper of the notifications module, so a 10:00 slot stays at 10:00 on the
 * wall clock across a change to or from summer time. Days off, slots that
 * have begun, slots beyond the horizon and slots overlapping a booked
 * appointment are left out.
 */
export interface SlotRule {
  weekday: number;
  start_minute: number;
  end_minute: number;
  slot_minutes: number;
  kinds: string;
  time_zone: string;
}

const DAY_MS = 86_400_000;

/** The calendar date (year, month, day) of an instant in a zone (en-CA formats as YYYY-MM-DD). */
function localDate(ms: number, timeZone: string): { y: number; m: number; d: number } {
  const text = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(ms));
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

export function kindsOf(text: string): AppointmentKind[] {
  return text.split(",").filter((k): k is AppointmentKind => k === "video" || k === "phone" || k === "on_site");
}

export function freeSlots(props: {
  now: number;
  timeZone: string;
  rules: SlotRule[];
  daysOff: readonly string[];
  booked: readonly { starts_at: number; ends_at: number }[];
}): FreeSlot[] {
  const { now, timeZone, rules, daysOff, booked } = props;
  const until = now + APPOINTMENT_HORIZON_DAYS * DAY_MS;
  const today = localDate(now, timeZone);
  const seen = new Set<number>();
  const free: FreeSlot[] = [];
  for (let i = 0; i <= APPOINTMENT_HORIZON_DAYS; i++) {
    // Calendar arithmetic on a UTC date: no zone involved until zonedInstant.
    const date = new Date(Date.UTC(today.y, today.m - 1, today.d + i));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (daysOff.includes(date.toISOString().slice(0, 10))) continue;
    for (const rule of rules.filter((r) => r.weekday === date.getUTCDay())) {
      for (let start = rule.start_minute; start + rule.slot_minutes <= rule.end_minute; start += rule.slot_minutes) {
        const startsAt = zonedInstant(y, m, d, start, rule.time_zone);
        const endsAt = zonedInstant(y, m, d, start + rule.slot_minutes, rule.time_zone);
        if (startsAt <= now || startsAt >= until || endsAt <= startsAt || seen.has(startsAt)) continue;
        if (booked.some((b) => b.starts_at < endsAt && b.ends_at > startsAt)) continue;
        seen.add(startsAt);
        free.push({ startsAt, endsAt, kinds: kindsOf(rule.kinds) });
      }
    }
  }
  return free.sort((a, b) => a.startsAt - b.startsAt);
}
