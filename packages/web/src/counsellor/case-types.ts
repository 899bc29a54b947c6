// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffState } from "../staff/use-staff";

/**
 * Types the case page hands to its panels (case-actions, case-rebind,
 * export-panel, legal-hold-panel), apart from case-page.tsx so the panels do
 * not import the page that imports them.
 */

export type Ready = Extract<StaffState, { kind: "ready" }>;

export interface Member {
  accountId: string;
  username: string;
  role: "member" | "lead";
}
