// SPDX-License-Identifier: AGPL-3.0-or-later

/** "22:00", "7:00" or "22.00" as HH:MM; null when it is not a time of day. */
export function normaliseTime(value: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** The device's time zone; the server keeps local hours in it, so they follow summer and winter time. */
export function deviceZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
