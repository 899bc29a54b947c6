// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RetentionRuleView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { parseDays, planRetention } from "./retention-plan";

const rule = (dataClass: RetentionRuleView["dataClass"], periodDays: number, minDays: number): RetentionRuleView => ({
  dataClass,
  startEvent: "case_closed",
  periodDays,
  defaultDays: periodDays,
  minDays,
  maxDays: 36_500,
  enforced: true,
  updatedAt: null,
});

const rules = [rule("closed_cases", 1095, 30), rule("messages", 365, 7), rule("inactive_client_accounts", 365, 30)];

describe("retention plan", () => {
  it("reads whole days only", () => {
    expect(parseDays(" 400 ")).toBe(400);
    expect(parseDays("4,5")).toBeNull();
    expect(parseDays("")).toBeNull();
    expect(parseDays("-3")).toBeNull();
  });

  it("lists only changed periods, says which are shorter, and leaves the instance class alone", () => {
    expect(planRetention(rules, { closed_cases: "400", messages: "730", inactive_client_accounts: "1" })).toEqual({
      changes: [
        { dataClass: "closed_cases", from: 1095, to: 400, shorter: true },
        { dataClass: "messages", from: 365, to: 730, shorter: false },
      ],
      invalid: [],
    });
    expect(planRetention(rules, {})).toEqual({ changes: [], invalid: [] });
  });

  it("refuses periods outside the class's bounds", () => {
    expect(planRetention(rules, { closed_cases: "29", messages: "36501" }).invalid).toEqual([
      "closed_cases",
      "messages",
    ]);
    expect(planRetention(rules, { closed_cases: "30" }).changes).toEqual([
      { dataClass: "closed_cases", from: 1095, to: 30, shorter: true },
    ]);
  });
});
