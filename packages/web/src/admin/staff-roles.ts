// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffRole } from "@obhut/protocol";

/** The staff roles an administrator can hand out, in the order the console lists them. */
export const STAFF_ROLES: readonly StaffRole[] = ["counsellor", "org_admin", "dpo", "report_office"];

/** The link a new staff member opens; the token stays in the fragment, which browsers never send. */
export const inviteLink = (token: string) => `${window.location.origin}/invite#token=${token}`;

/** The link a staff member opens to reset their access (reset/reset-page.tsx); the token, too, stays in the fragment. */
export const resetLinkFor = (token: string) => `${window.location.origin}/reset#token=${token}`;
