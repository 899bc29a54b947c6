// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The staff shell (issue #16): the staff navigation's own entries, who is
 * logged in, the idle warning and the note after a session ended. Formal
 * German; staff pages have no informal form. English in en-staff-shell.ts.
 */
export const deStaffShell = {
  staffShell: {
    admin: "Verwaltung",
    dpo: "Datenschutz",
    signedInAs: "Angemeldet als",
    idle: {
      title: "Sind Sie noch da?",
      body: "Ohne Aktivität endet eine Sitzung nach {{minutes}} Minuten. Ihre Sitzung endet in einer Minute.",
      stay: "Angemeldet bleiben",
      staying: "Einen Moment …",
      failed:
        "Die Sitzung konnte nicht verlängert werden. Bitte prüfen Sie die Verbindung und versuchen Sie es noch einmal.",
      leave: "Jetzt abmelden",
    },
    absolute: {
      title: "Ihre Sitzung endet gleich",
      body: "Ihre Sitzung hat die längste erlaubte Dauer erreicht und endet in einer Minute. Melden Sie sich danach bitte neu an.",
      ok: "Verstanden",
    },
    ended: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich neu an.",
  },
};
