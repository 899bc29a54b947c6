// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { isInboxScope, isInboxSort, scopeAfterAccept, sortCases } from "./inbox-sort";

const c = (id: string, p: { waitingSince?: number | null; createdAt?: number; lastClientMessageAt?: number | null }) =>
  ({ id, waitingSince: null, createdAt: 0, lastClientMessageAt: null, ...p }) as CaseView;

describe("inbox sort", () => {
  const cases = [
    c("a", { waitingSince: 300, createdAt: 10, lastClientMessageAt: 300 }),
    c("b", { waitingSince: 100, createdAt: 20, lastClientMessageAt: 500 }),
    c("c", { createdAt: 30, lastClientMessageAt: 400 }),
    c("d", { createdAt: 40 }),
  ];

  it("waiting time: longest waiting first, then the rest newest first", () => {
    expect(sortCases(cases, "waiting").map((x) => x.id)).toEqual(["b", "a", "d", "c"]);
  });

  it("last message from the client: newest first, cases without one last", () => {
    expect(sortCases(cases, "lastClient").map((x) => x.id)).toEqual(["b", "c", "a", "d"]);
  });

  it("newest case first, ties by id", () => {
    expect(sortCases([...cases, c("e", { createdAt: 40 })], "newest").map((x) => x.id)).toEqual([
      "d",
      "e",
      "c",
      "b",
      "a",
    ]);
  });

  it("reads only known values from the address bar", () => {
    expect(isInboxSort("lastClient")).toBe(true);
    expect(isInboxSort("oldest")).toBe(false);
    expect(isInboxScope("mine")).toBe(true);
    expect(isInboxScope(null)).toBe(false);
  });

  it("an accepted enquiry is shown under 'mine' unless the whole team's list is open", () => {
    expect(scopeAfterAccept("new")).toBe("mine");
    expect(scopeAfterAccept("mine")).toBe("mine");
    expect(scopeAfterAccept("team")).toBe("team");
  });
});
