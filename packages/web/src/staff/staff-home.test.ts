// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { staffHome } from "./staff-home";

describe("staff home", () => {
  it("is the inbox for counsellors, the console for admins and the audit log for the DPO", () => {
    expect(staffHome({ kind: "staff", role: "counsellor" })).toBe("/inbox");
    expect(staffHome({ kind: "staff", role: "org_admin" })).toBe("/admin");
    expect(staffHome({ kind: "staff", role: "dpo" })).toBe("/dpo/audit");
  });

  it("is the account page for other roles and for clients", () => {
    expect(staffHome({ kind: "staff", role: "report_office" })).toBe("/account");
    expect(staffHome({ kind: "staff" })).toBe("/account");
    expect(staffHome({ kind: "client", role: "org_admin" })).toBe("/account");
  });
});
