// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { isInboxScope, isInboxSort, scopeAfterAccept } from "./inbox-sort";

// The orders themselves are the server's (packages/server/test/cases/inbox-pages.test.ts).

describe("inbox sort", () => {
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
