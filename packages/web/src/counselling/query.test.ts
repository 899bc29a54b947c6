// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { enquiryPath, idParam, safeNext } from "./query";

describe("counselling query helpers", () => {
  it("continues only to counselling pages of this app", () => {
    expect(safeNext("/enquiry?agency=abcdefgh&topic=t_123456")).toBe("/enquiry?agency=abcdefgh&topic=t_123456");
    expect(safeNext("/case?id=abc_defgh")).toBe("/case?id=abc_defgh");
    for (const bad of [
      "https://evil.example/",
      "//evil.example/enquiry",
      "/enquiry/../admin",
      "/admin",
      "/case?id=<x>",
      null,
    ]) {
      expect(safeNext(bad)).toBeNull();
    }
  });

  it("accepts only ids from the query", () => {
    expect(idParam(new URLSearchParams("id=agency_123"), "id")).toBe("agency_123");
    expect(idParam(new URLSearchParams("id=../x"), "id")).toBeNull();
    expect(enquiryPath({ agencyId: "agency_123", topicId: "topic_123", counsellorId: null })).toBe(
      "/enquiry?agency=agency_123&topic=topic_123",
    );
  });
});
