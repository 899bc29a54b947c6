// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { fromLocalInput, toLocalInput } from "./absence-page";

describe("absence page", () => {
  it("round-trips the absence date field", () => {
    const at = new Date(2026, 4, 17, 9, 30).getTime();
    expect(toLocalInput(at)).toBe("2026-05-17T09:30");
    expect(fromLocalInput(toLocalInput(at))).toBe(at);
    expect(fromLocalInput("")).toBeNull();
    expect(toLocalInput(null)).toBe("");
  });
});
