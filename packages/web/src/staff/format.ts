// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";

/** CASE_LIMITS.noticeChars, copied so the zod schemas stay out of the bundle (a unit test keeps them equal). */
export const NOTICE_MAX_CHARS = 1000;

/** How long someone waits, in the largest whole unit (at least one minute, so "0 minutes" never shows). */
export function waitingDuration(now: number, since: number): { value: number; unit: "minute" | "hour" | "day" } {
  const minutes = Math.max(1, Math.floor((now - since) / 60_000));
  if (minutes < 60) return { value: minutes, unit: "minute" };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: "hour" };
  return { value: Math.floor(hours / 24), unit: "day" };
}

// One formatter per language and unit: creating an Intl.NumberFormat costs far more than formatting with it,
// and the inbox formats a waiting time on every card (most of the script time of rendering 2,000 cards, bench:inbox).
const durationFormats = new Map<string, Intl.NumberFormat>();

export function formatDuration(language: string, d: { value: number; unit: "minute" | "hour" | "day" }): string {
  const key = `${language} ${d.unit}`;
  let format = durationFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: "unit", unit: d.unit, unitDisplay: "long" });
    durationFormats.set(key, format);
  }
  return format.format(d.value);
}

export function formatDateTime(language: string, at: number): string {
  return new Date(at).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" });
}

/**
 * Inbox order: whoever has waited longest comes first (new enquiries and
 * cases with an unanswered client message), then the rest, newest first.
 */
export function inboxOrder(cases: readonly CaseView[]): CaseView[] {
  return [...cases].sort((a, b) => {
    if (a.waitingSince !== null && b.waitingSince !== null) return a.waitingSince - b.waitingSince;
    if (a.waitingSince !== null) return -1;
    if (b.waitingSince !== null) return 1;
    return b.createdAt - a.createdAt || a.id.localeCompare(b.id);
  });
}

/** What a staff member may do with a case now; the server decides again, this only hides useless buttons. */
export function caseActions(
  c: Pick<CaseView, "state" | "assigneeId">,
  me: { accountId: string; isLead: boolean },
): { accept: boolean; assign: boolean; handOver: boolean; close: boolean; archive: boolean; notes: boolean } {
  const open = c.state === "new" || c.state === "active";
  const mine = c.assigneeId === me.accountId;
  return {
    accept: c.state === "new" && c.assigneeId === null,
    assign: open && me.isLead,
    handOver: open && (mine || me.isLead),
    close: c.state === "active" && (mine || me.isLead),
    archive: c.state === "closed",
    notes: c.state !== "archived",
  };
}
