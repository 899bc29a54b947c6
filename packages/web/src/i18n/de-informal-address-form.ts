// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of the "Anrede" section. */
export const deInformalAddressForm: Overrides = {
  addressForm: {
    legend: "Wie möchtest du angesprochen werden?",
    saved: "Gespeichert. Alle Seiten sprechen dich jetzt so an, auf jedem Gerät.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuch es noch einmal.",
  },
};
