// SPDX-License-Identifier: AGPL-3.0-or-later

/** "Anrede" on the client's account page (issue #15, item 7); informal in de-informal-address-form.ts. */
export const deAddressForm = {
  addressForm: {
    title: "Anrede",
    legend: "Wie möchten Sie angesprochen werden?",
    agency: "Wie es die Beratungsstelle für mein Thema gewählt hat",
    informal: "Mit „du“",
    formal: "Mit „Sie“",
    save: "Anrede speichern",
    saved: "Gespeichert. Alle Seiten sprechen Sie jetzt so an, auf jedem Gerät.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuchen Sie es noch einmal.",
  },
};
