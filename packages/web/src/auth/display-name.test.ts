// SPDX-License-Identifier: AGPL-3.0-or-later
import { StaffDisplayName } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { displayNameError } from "./display-name";

describe("staff display name check", () => {
  it("accepts and refuses exactly what the protocol schema does", () => {
    const samples = [
      "Frau Berger",
      "  Jonas  ",
      "Ayşe Yılmaz-Öztürk",
      "",
      "   ",
      "a".repeat(64),
      "a".repeat(65),
      "Anna\nBeispiel",
      "Anna\tBeispiel",
      "Anna\u202eBeispiel",
      "Anna\u200bBeispiel",
      "Anna\u2028Beispiel",
      "Anna\ud800",
    ];
    for (const sample of samples)
      expect(displayNameError(sample) === null, JSON.stringify(sample)).toBe(
        StaffDisplayName.safeParse(sample).success,
      );
  });
});
