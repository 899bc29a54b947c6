// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { TrainingInput, addMonths, trainingStanding } from "./trainings";

describe("training standing (ADR 0048)", () => {
  it("adds calendar months, clamped to the month's last day", () => {
    expect(addMonths("2027-02-20", 12)).toBe("2028-02-20");
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2027-11-15", 3)).toBe("2028-02-15");
  });

  it("is confirmed while the participation is valid, then due, then overdue after 30 days", () => {
    const yearly = { intervalMonths: 12, assignedOn: "2027-01-01", attendedOn: "2027-02-20" };
    expect(trainingStanding({ ...yearly, today: "2028-02-19" })).toEqual({
      status: "confirmed",
      validUntil: "2028-02-20",
      dueOn: "2028-02-20",
    });
    expect(trainingStanding({ ...yearly, today: "2028-02-20" })).toMatchObject({ status: "due", dueOn: "2028-03-21" });
    expect(trainingStanding({ ...yearly, today: "2028-03-21" }).status).toBe("due");
    expect(trainingStanding({ ...yearly, today: "2028-03-22" }).status).toBe("overdue");
  });

  it("counts a never-confirmed training from the day it was set up; a one-off stays confirmed", () => {
    const never = { intervalMonths: 12, assignedOn: "2027-03-01", attendedOn: null };
    expect(trainingStanding({ ...never, today: "2027-03-31" })).toMatchObject({ status: "due", dueOn: "2027-03-31" });
    expect(trainingStanding({ ...never, today: "2027-04-01" }).status).toBe("overdue");
    const once = { intervalMonths: null, assignedOn: "2027-03-01", attendedOn: "2027-03-02" };
    expect(trainingStanding({ ...once, today: "2040-01-01" })).toMatchObject({ status: "confirmed", validUntil: null });
  });

  it("wants a description or a link, and only http(s) links", () => {
    const base = { title: "Schulung", content: "", link: null, intervalMonths: null, audience: "all" };
    expect(TrainingInput.safeParse(base).success).toBe(false);
    expect(TrainingInput.safeParse({ ...base, content: "Inhalt" }).success).toBe(true);
    expect(TrainingInput.safeParse({ ...base, link: "https://example.org/kurs" }).success).toBe(true);
    expect(TrainingInput.safeParse({ ...base, link: "javascript:alert(1)" }).success).toBe(false);
    expect(TrainingInput.safeParse({ ...base, content: "x", intervalMonths: 0 }).success).toBe(false);
  });
});
