// SPDX-License-Identifier: AGPL-3.0-or-later
/** The zone the server publishes slots in (APPOINTMENT_TIME_ZONE in the protocol; kept here so client pages need no zod). */
const APPOINTMENT_TIME_ZONE = "Europe/Berlin";

/** Appointment times are shown in the counselling's zone (Europe/Berlin), whatever the device's zone is. */
export function formatWhen(language: string, ms: number): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: APPOINTMENT_TIME_ZONE,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(ms);
}

export function formatDayHeading(language: string, ms: number): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: APPOINTMENT_TIME_ZONE,
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(ms);
}

export function formatTime(language: string, ms: number): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: APPOINTMENT_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
  }).format(ms);
}

/** "09:30" ↔ 570 minutes after midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function timeOfMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
