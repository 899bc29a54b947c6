// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TrainingOverview } from "@obhut/protocol";

/** A calendar day (YYYY-MM-DD) as the reader's language writes it ("20.02.2027"); the day itself, not an instant. */
export function formatDay(language: string, day: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Today in the browser's time zone as YYYY-MM-DD (the default of "took part on"). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The overview as CSV (semicolon-separated for spreadsheet programs in German locales, days as YYYY-MM-DD). */
export function trainingsCsv(
  trainings: readonly TrainingOverview[],
  headers: readonly string[],
  statusText: (s: TrainingOverview["participants"][number]["status"]) => string,
  roleText: (role: string) => string = (role) => role,
): string {
  const quote = (s: string) => (/[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = trainings.flatMap((t) =>
    t.participants.map((p) => [
      t.title,
      p.name,
      roleText(p.role),
      statusText(p.status),
      p.attendedOn ?? "",
      p.validUntil ?? "",
      p.status === "confirmed" ? "" : p.dueOn,
    ]),
  );
  return [headers, ...rows].map((row) => row.map(quote).join(";")).join("\r\n") + "\r\n";
}
