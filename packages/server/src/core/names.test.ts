// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { accountNameFor, staffNameForClients, staffNameForColleagues } from "./names";

const client = { accountId: "client-1", isClient: true };
const colleague = { accountId: "staff-9", isClient: false };
const anna = { id: "staff-1", kind: "staff" as const, username: "a.beispiel", display_name: "Anna Beispiel" };
const ben = { id: "staff-2", kind: "staff" as const, username: "b.roth", display_name: null };

describe("names as others see them", () => {
  it("never gives a client a staff login name", () => {
    expect(accountNameFor(client, anna)).toBe("Anna Beispiel");
    expect(accountNameFor(client, ben)).toBeNull();
    expect(accountNameFor(client, { ...ben, display_name: "   " })).toBeNull();
    expect(staffNameForClients({ display_name: " Anna " })).toBe("Anna");
  });

  it("lets colleagues fall back to the login name", () => {
    expect(accountNameFor(colleague, ben)).toBe("b.roth");
    expect(staffNameForColleagues(anna)).toBe("Anna Beispiel");
  });

  it("shows a client its own pseudonym, staff any client's, and no client another client's", () => {
    const self = { id: "client-1", kind: "client" as const, username: "sonnenblume" };
    const other = { id: "client-2", kind: "client" as const, username: "regenbogen" };
    expect(accountNameFor(client, self)).toBe("sonnenblume");
    expect(accountNameFor(client, other)).toBeNull();
    expect(accountNameFor(colleague, other)).toBe("regenbogen");
  });
});
