// SPDX-License-Identifier: AGPL-3.0-or-later
import type { InvitationView, StaffAccountView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { attentionItems, type AttentionInput } from "./attention";

const NOW = Date.UTC(2026, 11, 7, 12);

function account(id: string, over: Partial<StaffAccountView> = {}): StaffAccountView {
  return {
    id,
    username: id,
    displayName: `Name ${id}`,
    role: "counsellor",
    createdAt: NOW - 1000,
    disabledAt: null,
    teams: [{ teamId: "team_0000001", role: "member" }],
    secondFactor: { totp: true, passkeys: 0 },
    ...over,
  };
}

function invitation(id: string, status: InvitationView["status"], expiresAt = NOW + 3600_000): InvitationView {
  return {
    id,
    organisationId: "org_0000001",
    role: "counsellor",
    teamId: null,
    createdBy: null,
    createdAt: NOW - 1000,
    expiresAt,
    status,
  };
}

const calm: AttentionInput = {
  accounts: [
    account("admin_01", { role: "org_admin", teams: [] }),
    account("admin_02", { role: "org_admin", teams: [] }),
  ],
  invitations: [invitation("inv_used", "used")],
  log: { admins: new Set(["admin_01", "admin_02"]), rootRotationOwed: false, archiveRotationOwed: false },
  server: {
    documentsAwaitingApproval: 0,
    overdueDataSubjectRequests: 0,
    failedJobs: 0,
    failedJobsDays: 7,
    processorReviewsDue: 0,
  },
  now: NOW,
};

describe("what needs an administrator's attention", () => {
  it("is nothing for a calm organisation (two confirmed admins, no open invitations, everyone set up)", () => {
    expect(attentionItems(calm)).toEqual([]);
  });

  it("names each open matter once with its count and where it is resolved, keys first", () => {
    const items = attentionItems({
      accounts: [
        account("admin_01", { role: "org_admin", teams: [] }),
        account("admin_02", { role: "org_admin", teams: [], secondFactor: { totp: false, passkeys: 0 } }),
        account("couns_01", { teams: [], displayName: null }),
        account("couns_02", { teams: [], secondFactor: { totp: false, passkeys: 1 } }),
        account("dpo_0001", { role: "dpo", teams: [] }),
        // Deactivated accounts count for nothing.
        account("gone_001", {
          teams: [],
          displayName: null,
          disabledAt: NOW - 10,
          secondFactor: { totp: false, passkeys: 0 },
        }),
      ],
      invitations: [
        invitation("inv_open", "pending"),
        invitation("inv_open2", "pending"),
        invitation("inv_late", "pending", NOW - 1),
        invitation("inv_rev", "revoked"),
      ],
      log: { admins: new Set(["admin_01"]), rootRotationOwed: false, archiveRotationOwed: true },
      server: {
        documentsAwaitingApproval: 2,
        overdueDataSubjectRequests: 1,
        failedJobs: 3,
        failedJobsDays: 7,
        processorReviewsDue: 1,
      },
      now: NOW,
    });
    expect(items).toEqual([
      { kind: "keysOwed", count: 1, to: "/admin/users" },
      { kind: "oneAdmin", count: 1, to: "/admin/users" },
      { kind: "adminUnconfirmed", count: 1, to: "/admin/users" },
      { kind: "noSecondFactor", count: 1, to: "/admin/users" },
      { kind: "noTeam", count: 2, to: "/admin/teams" },
      { kind: "noDisplayName", count: 1, to: "/admin/users" },
      { kind: "pendingInvitations", count: 2, to: "/admin/users" },
      { kind: "overdueDsr", count: 1, to: "/staff/dsr" },
      { kind: "documentsAwaitingApproval", count: 2, to: "/staff/documents" },
      { kind: "processorReviewsDue", count: 1, to: "/admin/processors" },
      { kind: "failedJobs", count: 3, to: null, days: 7 },
    ]);
  });

  it("shows what it knows when the server's counts could not be loaded", () => {
    expect(attentionItems({ ...calm, invitations: [invitation("inv_open", "pending")], server: null })).toEqual([
      { kind: "pendingInvitations", count: 1, to: "/admin/users" },
    ]);
  });
});
