// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { depthOf, pushedState, replacedState } from "./history-depth";

describe("history depth", () => {
  it("counts entries this document pushed; a replace keeps the depth", () => {
    const first = pushedState(null);
    expect(depthOf(first)).toBe(1);
    const second = pushedState(first);
    expect(depthOf(second)).toBe(2);
    expect(depthOf(replacedState(second))).toBe(2);
  });

  it("counts nothing for entries it did not make (another document's, or none)", () => {
    expect(depthOf(null)).toBe(0);
    expect(depthOf({ depth: 5 })).toBe(0);
    expect(depthOf({ obhutDocument: "someone-else", depth: 5 })).toBe(0);
    expect(depthOf(pushedState({ obhutDocument: "someone-else", depth: 5 }))).toBe(1);
  });
});
