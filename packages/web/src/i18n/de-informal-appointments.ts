// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of the client's appointment booking (ADR 0052). */
export const deInformalAppointments: Overrides = {
  clientAppointments: {
    none: "Du hast gerade keinen Termin.",
    lead: "Wähle, wie und wann du mit deiner Beraterin oder deinem Berater sprechen möchtest. Du siehst die freien Termine der nächsten 14 Tage.",
    kindLegend: "Wie möchtest du sprechen?",
    noSlots: "Gerade gibt es keine freien Termine. Schreib deiner Beraterin oder deinem Berater gern eine Nachricht.",
    notBookable:
      "Einen Termin kannst du vereinbaren, sobald eine Beraterin oder ein Berater deine Anfrage übernommen hat.",
    chooseSlot: "Bitte wähle einen Termin.",
    booked: "Dein Termin ist gebucht.",
    taken: "Diesen Termin hat gerade jemand anderes gebucht. Bitte wähle einen anderen.",
    past: "Dieser Termin hat schon begonnen. Bitte wähle einen anderen.",
    unavailable: "Diesen Termin gibt es nicht mehr. Bitte wähle einen anderen.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuch es noch einmal.",
  },
};
