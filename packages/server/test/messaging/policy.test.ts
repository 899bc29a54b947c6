// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import {
  creationRefusal,
  initialRole,
  mayAct,
  mayShareEphemeral,
  visibleMemberRoles,
  type Membership,
} from "../../src/services/conversations-policy";

const staff = (id: string, org: string | null = "org-a") => ({
  accountId: id,
  kind: "staff" as const,
  organisationId: org,
  disabled: false,
});
const client = (id: string, org: string | null = null) => ({
  accountId: id,
  kind: "client" as const,
  organisationId: org,
  disabled: false,
});
const member = (role: Membership["role"], leftAt: number | null = null): Membership => ({
  conversationId: "c",
  organisationId: "org-a",
  kind: "broadcast",
  role,
  leftAt,
  readSeq: 0,
  deliveredSeq: 0,
});

describe("conversation policy", () => {
  const actor = { accountId: "me", kind: "staff" as const, organisationId: "org-a" };

  it("lets only staff of one organisation open direct and team chats", () => {
    expect(creationRefusal(actor, "direct", [staff("b")])).toBeNull();
    expect(creationRefusal(actor, "direct", [staff("b"), staff("c")])).not.toBeNull();
    expect(creationRefusal(actor, "direct", [staff("b", "org-b")])).not.toBeNull();
    expect(creationRefusal(actor, "team", [staff("b"), client("x")])).not.toBeNull();
    expect(creationRefusal({ ...actor, kind: "client" }, "team", [staff("b")])).not.toBeNull();
    expect(creationRefusal(actor, "team", [{ ...staff("b"), disabled: true }])).not.toBeNull();
    expect(creationRefusal(actor, "team", [staff("me")])).not.toBeNull();
  });

  it("opens case conversations for exactly one client and broadcasts for anyone", () => {
    expect(creationRefusal(actor, "case", [client("x"), staff("b")])).toBeNull();
    expect(creationRefusal(actor, "case", [client("x"), client("y")])).not.toBeNull();
    expect(creationRefusal(actor, "case", [client("x", "org-b")])).not.toBeNull();
    expect(creationRefusal(actor, "broadcast", [client("x"), client("y")])).toBeNull();
    expect(initialRole(actor, "broadcast", client("x"))).toBe("subscriber");
    expect(initialRole(actor, "broadcast", staff("b", "org-b"))).toBe("subscriber");
    expect(initialRole(actor, "broadcast", staff("b"))).toBe("member");
    expect(initialRole(actor, "case", staff("b"))).toBe("team");
  });

  it("lets subscribers read but not send, and former members nothing", () => {
    expect(mayAct(member("subscriber"), "read")).toBe(true);
    expect(mayAct(member("subscriber"), "send")).toBe(false);
    expect(mayAct(member("subscriber"), "add_epoch")).toBe(false);
    expect(mayAct(member("member", 5), "read")).toBe(false);
    expect(mayAct(undefined, "read")).toBe(false);
    expect(visibleMemberRoles(member("subscriber"))).not.toContain("subscriber");
    expect(visibleMemberRoles(member("owner"))).toBe("all");
  });

  it("never shares receipts or typing of or with subscribers, nor in case conversations", () => {
    expect(mayShareEphemeral("team", "typing", "member", "member")).toBe(true);
    expect(mayShareEphemeral("broadcast", "receipts", "owner", "subscriber")).toBe(false);
    expect(mayShareEphemeral("case", "typing", "member", "team")).toBe(false);
    expect(mayShareEphemeral("direct", "receipts", "subscriber", "member")).toBe(false);
  });
});
