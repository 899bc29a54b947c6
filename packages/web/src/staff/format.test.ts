// SPDX-License-Identifier: AGPL-3.0-or-later
import { CASE_LIMITS, type CaseView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { NOTICE_MAX_CHARS, caseActions, formatDuration, inboxOrder, waitingDuration } from "./format";

const MIN = 60_000;

describe("staff formatting", () => {
  it("waiting time in the largest whole unit, never zero", () => {
    expect(waitingDuration(1000, 1000)).toEqual({ value: 1, unit: "minute" });
    expect(waitingDuration(59 * MIN, 0)).toEqual({ value: 59, unit: "minute" });
    expect(waitingDuration(60 * MIN, 0)).toEqual({ value: 1, unit: "hour" });
    expect(waitingDuration(47 * 60 * MIN, 0)).toEqual({ value: 47, unit: "hour" });
    expect(waitingDuration(72 * 60 * MIN, 0)).toEqual({ value: 3, unit: "day" });
    expect(formatDuration("de", { value: 3, unit: "day" })).toBe("3 Tage");
    expect(formatDuration("en", { value: 1, unit: "hour" })).toBe("1 hour");
  });

  it("keeps the formatters it reuses apart by language and unit", () => {
    expect(formatDuration("de", { value: 2, unit: "hour" })).toBe("2 Stunden");
    expect(formatDuration("de", { value: 2, unit: "day" })).toBe("2 Tage");
    expect(formatDuration("en", { value: 2, unit: "day" })).toBe("2 days");
    expect(formatDuration("de", { value: 5, unit: "minute" })).toBe("5 Minuten");
    expect(formatDuration("de", { value: 1, unit: "minute" })).toBe("1 Minute");
  });

  it("orders the inbox by longest waiting first, then newest", () => {
    const c = (id: string, waitingSince: number | null, createdAt: number) =>
      ({ id, waitingSince, createdAt }) as CaseView;
    const order = inboxOrder([c("a", null, 1), c("b", 50, 2), c("c", 10, 3), c("d", null, 9)]).map((x) => x.id);
    expect(order).toEqual(["c", "b", "d", "a"]);
  });

  it("offers only the steps that fit the case state and my role", () => {
    const me = { accountId: "me", isLead: false };
    expect(caseActions({ state: "new", assigneeId: null }, me)).toMatchObject({ accept: true, close: false });
    expect(caseActions({ state: "active", assigneeId: "me" }, me)).toMatchObject({
      accept: false,
      handOver: true,
      close: true,
      assign: false,
    });
    expect(caseActions({ state: "active", assigneeId: "other" }, me)).toMatchObject({ handOver: false, close: false });
    expect(caseActions({ state: "active", assigneeId: "other" }, { ...me, isLead: true })).toMatchObject({
      assign: true,
      handOver: true,
    });
    expect(caseActions({ state: "closed", assigneeId: "me" }, me)).toMatchObject({ archive: true, close: false });
    expect(caseActions({ state: "archived", assigneeId: "me" }, me)).toMatchObject({ notes: false, archive: false });
  });

  it("keeps the notice limit equal to the protocol's", () => {
    expect(NOTICE_MAX_CHARS).toBe(CASE_LIMITS.noticeChars);
  });
});
