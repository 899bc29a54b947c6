// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deStaffShell } from "./de-staff-shell";

/** English texts of de-staff-shell.ts (staff navigation, who is logged in, idle warning). */
export const enStaffShell: typeof deStaffShell = {
  staffShell: {
    admin: "Administration",
    dpo: "Data protection",
    signedInAs: "Logged in as",
    idle: {
      title: "Are you still there?",
      body: "A session ends after {{minutes}} minutes without activity. Yours ends in one minute.",
      stay: "Stay logged in",
      staying: "One moment …",
      failed: "The session could not be extended. Please check the connection and try again.",
      leave: "Log out now",
    },
    absolute: {
      title: "Your session is about to end",
      body: "Your session has reached its longest allowed length and ends in one minute. Please log in again afterwards.",
      ok: "Understood",
    },
    ended: "Your session has ended. Please log in again.",
  },
};
