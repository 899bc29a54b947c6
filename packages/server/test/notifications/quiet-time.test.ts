// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import {
  closedWindow,
  isQuiet,
  quietEnd,
  zonedInstant,
  type QuietWindow,
} from "../../src/modules/notifications/quiet-time";
import { endOfAll } from "../../src/modules/notifications/defer";
import { failureReason, mailFailure, pushFailure } from "../../src/modules/notifications/failure";
import { composeNotice } from "../../src/modules/notifications/templates";

/** Quiet hours on the person's wall clock across the clock changes (ADR 0041), and the digest's words. */
const night: QuietWindow = { startMinute: 22 * 60, endMinute: 7 * 60, timeZone: "Europe/Berlin" };
const lunch: QuietWindow = { startMinute: 12 * 60, endMinute: 13 * 60 + 30, timeZone: "Europe/Berlin" };
const utc = (...a: [number, number, number, number, number]) => Date.UTC(...a);

describe("quiet hours in a time zone", () => {
  it("22:00–07:00 Berlin in winter: quiet from 21:00 to 06:00 UTC", () => {
    expect(isQuiet(utc(2027, 0, 10, 20, 59), night)).toBe(false);
    expect(isQuiet(utc(2027, 0, 10, 21, 0), night)).toBe(true);
    expect(isQuiet(utc(2027, 0, 11, 5, 59), night)).toBe(true);
    expect(isQuiet(utc(2027, 0, 11, 6, 0), night)).toBe(false);
    expect(quietEnd(utc(2027, 0, 10, 21, 30), night)).toBe(utc(2027, 0, 11, 6, 0));
    expect(quietEnd(utc(2027, 0, 11, 1, 0), night)).toBe(utc(2027, 0, 11, 6, 0));
  });

  it("in summer: quiet from 20:00 to 05:00 UTC", () => {
    expect(isQuiet(utc(2027, 6, 10, 19, 59), night)).toBe(false);
    expect(isQuiet(utc(2027, 6, 10, 20, 0), night)).toBe(true);
    expect(quietEnd(utc(2027, 6, 10, 20, 0), night)).toBe(utc(2027, 6, 11, 5, 0));
  });

  it("the nights the clocks change end at 07:00 local: 05:00 UTC in spring, 06:00 UTC in autumn", () => {
    // 28 March 2027: 02:00 CET becomes 03:00 CEST.
    expect(quietEnd(utc(2027, 2, 27, 22, 30), night)).toBe(utc(2027, 2, 28, 5, 0));
    // 31 October 2027: 03:00 CEST becomes 02:00 CET.
    expect(quietEnd(utc(2027, 9, 30, 21, 0), night)).toBe(utc(2027, 9, 31, 6, 0));
  });

  it("a window within a day, and a local time the clock skips or shows twice", () => {
    expect(isQuiet(utc(2027, 0, 10, 11, 0), lunch)).toBe(true); // 12:00 CET
    expect(isQuiet(utc(2027, 0, 10, 12, 30), lunch)).toBe(false); // 13:30 CET
    expect(quietEnd(utc(2027, 0, 10, 11, 15), lunch)).toBe(utc(2027, 0, 10, 12, 30));
    // 02:30 does not exist on 28 March 2027 in Berlin: the same time after the jump, 03:30 CEST.
    expect(zonedInstant(2027, 3, 28, 2 * 60 + 30, "Europe/Berlin")).toBe(utc(2027, 2, 28, 1, 30));
    // 02:30 exists twice on 31 October 2027: the later one (CET).
    expect(zonedInstant(2027, 10, 31, 2 * 60 + 30, "Europe/Berlin")).toBe(utc(2027, 9, 31, 1, 30));
    // Other zones too.
    expect(quietEnd(utc(2027, 0, 10, 4, 0), { ...night, timeZone: "America/New_York" })).toBe(utc(2027, 0, 10, 12, 0));
  });
});

describe("office hours as the time they leave closed (ADR 0051)", () => {
  // Monday, Wednesday and Thursday, 09:00–16:00 Berlin; 1 March 2027 is a Monday (CET, UTC+1).
  const office = closedWindow({ days: [1, 3, 4], start: "09:00", end: "16:00", timeZone: "Europe/Berlin" });

  it("closed at night and on the days not listed; open in the hours of a listed day", () => {
    expect(isQuiet(utc(2027, 2, 1, 8, 0), office)).toBe(false); // Monday 09:00
    expect(isQuiet(utc(2027, 2, 1, 14, 59), office)).toBe(false); // Monday 15:59
    expect(isQuiet(utc(2027, 2, 1, 15, 0), office)).toBe(true); // Monday 16:00
    expect(isQuiet(utc(2027, 2, 2, 10, 0), office)).toBe(true); // Tuesday 11:00
    expect(isQuiet(utc(2027, 2, 6, 10, 0), office)).toBe(true); // Saturday
  });

  it("reopens at the next listed day's opening, across days off and the clock change", () => {
    expect(quietEnd(utc(2027, 2, 1, 15, 0), office)).toBe(utc(2027, 2, 3, 8, 0)); // Monday 16:00 → Wednesday 09:00
    expect(quietEnd(utc(2027, 2, 4, 20, 0), office)).toBe(utc(2027, 2, 8, 8, 0)); // Thursday night → Monday
    // Thursday 25 March 2027 after closing → Monday 29 March 09:00 CEST, 07:00 UTC (summer time began on the 28th).
    expect(quietEnd(utc(2027, 2, 25, 16, 0), office)).toBe(utc(2027, 2, 29, 7, 0));
    // Open only on Sundays: a week round.
    const sundays = closedWindow({ days: [0], start: "10:00", end: "12:00", timeZone: "UTC" });
    expect(quietEnd(utc(2027, 2, 7, 12, 0), sundays)).toBe(utc(2027, 2, 14, 10, 0));
  });

  it("with a person's quiet hours: the later end of the two, each checked again", () => {
    const morning: QuietWindow = { startMinute: 8 * 60, endMinute: 10 * 60, timeZone: "Europe/Berlin" };
    expect(endOfAll(utc(2027, 2, 1, 10, 0), [morning, office])).toBeNull(); // Monday 11:00: open and awake
    expect(endOfAll(utc(2027, 2, 1, 5, 0), [morning, office])).toBe(utc(2027, 2, 1, 9, 0)); // closed, then quiet
    expect(endOfAll(utc(2027, 2, 1, 5, 0), [office])).toBe(utc(2027, 2, 1, 8, 0));
    expect(endOfAll(utc(2027, 2, 1, 5, 0), [])).toBeNull();
  });
});

describe("the digest's words and stored failure reasons", () => {
  const link = "https://obhut.example/";
  it("count the notices in de (Sie, du) and en, and say nothing else", () => {
    const sie = composeNotice({ kind: "digest", language: "de", form: "formal", senderName: "X", link, count: 3 });
    expect(sie.subject).toBe("3 neue Nachrichten");
    expect(sie.text).toContain("Während Ihrer Ruhezeit ist Neues für Sie eingegangen: 3 neue Nachrichten.");
    const du = composeNotice({ kind: "digest", language: "de", form: "informal", senderName: "X", link, count: 1 });
    expect(du.subject).toBe("1 neue Nachricht");
    expect(du.text).toContain("für dich");
    const en = composeNotice({ kind: "digest", language: "en", form: "formal", senderName: "X", link, count: 2 });
    expect(en.subject).toBe("2 new messages");
    const dpo = composeNotice({ kind: "dsr_overdue", language: "de", form: "formal", senderName: "X", link });
    expect(dpo.subject).toBe("Eine Betroffenenanfrage ist überfällig");
  });

  it("to staff say 'Benachrichtigungen' and name the office's hours", () => {
    const base = { kind: "digest", senderName: "Ihre Beratungsstelle", link: "https://x", form: "formal" } as const;
    const de = composeNotice({ ...base, language: "de", count: 2, audience: "staff" });
    expect(de.subject).toBe("2 neue Benachrichtigungen");
    expect(de.text).toContain("außerhalb der Sprechzeiten");
    expect(composeNotice({ ...base, language: "en", count: 1, audience: "staff" }).subject).toBe("1 new notice");
  });

  it("keep a code, never an SMTP server's words (they quote the address)", () => {
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 <kim@example.org>"), {
      code: "EENVELOPE",
      responseCode: 550,
    });
    expect(mailFailure(refused).message).toBe("mail_refused (EENVELOPE 550)");
    expect(
      mailFailure(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:587"), { code: "ECONNECTION" })).message,
    ).toBe("mail_unreachable (ECONNECTION)");
    expect(mailFailure(new Error("kim@example.org")).message).toBe("mail_unreachable");
    const push = Object.assign(new Error("Push service did not accept the message (HTTP 500)"), { name: "PushFailed" });
    expect(pushFailure(push).message).toBe("push_failed (HTTP 500)");
    expect(pushFailure(new Error("https://push.example/abc")).message).toBe("push_failed");
    expect(failureReason("mail_refused (EENVELOPE 550)")).toBe("mail_refused");
    expect(failureReason("gave up after 8 attempts (lease expired)")).toBe("lease_expired");
    expect(failureReason("whatever")).toBe("other");
  });
});
