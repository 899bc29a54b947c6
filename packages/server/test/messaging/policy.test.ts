// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import {
  creationRefusal,
  initialRole,
  mayAct,
  mayShareEphemeral,
  presenceRule,
  visibleMemberRoles,
  type Membership,
} from "../../src/policies/gates/conversation-membership";
import type { MemberRole } from "../../src/infra/db/schema";
import { DEFAULT_MESSAGING_POLICY, sharesEphemeral } from "../../src/modules/messaging/messaging-policy";

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

  it("never shares receipts, typing or presence of or with subscribers, nor between clients, whatever the policy", () => {
    const asStaff = (role: MemberRole) => ({ role, accountKind: "staff" as const });
    const asClient = (role: MemberRole) => ({ role, accountKind: "client" as const });
    expect(mayShareEphemeral(asStaff("member"), asStaff("member"))).toBe(true);
    expect(mayShareEphemeral(asClient("member"), asStaff("team"))).toBe(true);
    expect(mayShareEphemeral(asStaff("owner"), asClient("subscriber"))).toBe(false);
    expect(mayShareEphemeral(asClient("subscriber"), asStaff("member"))).toBe(false);
    expect(mayShareEphemeral(asClient("member"), asClient("member"))).toBe(false);
    expect(presenceRule(asStaff("member"), asStaff("team"))).toBe("staff");
    expect(presenceRule(asClient("member"), asStaff("team"))).toBe("clients");
    expect(presenceRule(asStaff("team"), asClient("member"))).toBe("clients");
    expect(presenceRule(asClient("subscriber"), asClient("subscriber"))).toBeNull();
    expect(presenceRule(asStaff("owner"), asClient("subscriber"))).toBeNull();
    expect(presenceRule(asClient("member"), asClient("member"))).toBeNull();
  });

  it("defaults to receipts and typing among staff only, presence among staff only", () => {
    const p = DEFAULT_MESSAGING_POLICY;
    expect(sharesEphemeral(p, "team", "typing")).toBe(true);
    expect(sharesEphemeral(p, "direct", "receipts")).toBe(true);
    expect(sharesEphemeral(p, "notes", "typing")).toBe(true);
    expect(sharesEphemeral(p, "case", "typing")).toBe(false);
    expect(sharesEphemeral(p, "case", "receipts")).toBe(false);
    expect(sharesEphemeral(p, "broadcast", "receipts")).toBe(false);
    expect(p.presence).toEqual({ staff: true, clients: false });
  });
});
