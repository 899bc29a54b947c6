// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { addDays, addMonths, attentionOf, calendarDay, dueOn } from "../../src/modules/dsr/dates";

/** Deadlines of data-subject requests: one month, clamped to the month's end, plus at most two. */
describe("DSR deadlines", () => {
  it("adds calendar months and clamps to the last day of a shorter month", () => {
    expect(addMonths("2026-01-15", 1)).toBe("2026-02-15");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addMonths("2026-11-30", 2)).toBe("2027-01-30");
    expect(addMonths("2026-12-31", 3)).toBe("2027-03-31");
  });

  it("due one month after receipt, and one plus the extension after that", () => {
    expect(dueOn("2026-01-31", 0)).toBe("2026-02-28");
    // The extension counts from receipt, not from the clamped first due date.
    expect(dueOn("2026-01-31", 2)).toBe("2026-04-30");
    expect(dueOn("2026-05-10", 1)).toBe("2026-07-10");
  });

  it("days and today in the legal time zone", () => {
    expect(addDays("2026-03-01", -7)).toBe("2026-02-22");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    // 23:30 UTC on 31 March is already 1 April in Berlin (summer time).
    expect(calendarDay(Date.UTC(2026, 2, 31, 23, 30))).toBe("2026-04-01");
    expect(calendarDay(Date.UTC(2026, 0, 10, 12, 0))).toBe("2026-01-10");
  });

  it("attention: due within seven days, overdue the day after the due date", () => {
    expect(attentionOf("2026-02-28", "2026-02-20", 7)).toBeNull();
    expect(attentionOf("2026-02-28", "2026-02-21", 7)).toBe("due_soon");
    expect(attentionOf("2026-02-28", "2026-02-28", 7)).toBe("due_soon");
    expect(attentionOf("2026-02-28", "2026-03-01", 7)).toBe("overdue");
  });
});
