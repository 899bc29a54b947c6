// SPDX-License-Identifier: AGPL-3.0-or-later

/** The pages staff start on, by role. */
export type StaffHome = "/inbox" | "/admin" | "/dpo/audit" | "/account";

/**
 * Where a logged-in staff member starts and where the brand link leads them
 * (issue #16): administrators on the console's overview, data-protection
 * officers on the audit log, counsellors in their inbox (which explains if
 * they belong to no team yet). Other roles, and clients, on the account page.
 */
export function staffHome(account: { kind: "client" | "staff"; role?: string }): StaffHome {
  if (account.kind !== "staff") return "/account";
  switch (account.role) {
    case "org_admin":
      return "/admin";
    case "dpo":
      return "/dpo/audit";
    case "counsellor":
      return "/inbox";
    default:
      return "/account";
  }
}
