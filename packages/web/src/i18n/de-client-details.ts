// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Voluntary details for the statistics (ADR 0050), on the client's "Meine
 * Daten" page. Formal German; informal overrides in
 * de-informal-client-details.ts, English in en-client-details.ts, and every
 * client language in client-*.ts.
 */
export const deClientDetails = {
  clientDetails: {
    title: "Freiwillige Angaben für die Statistik",
    intro:
      "Ihre Beratungsstelle fragt freiwillig nach Ihrer Altersgruppe und Ihrem Geschlecht. Die Angaben helfen ihr bei einer anonymen Jahresstatistik für die Geldgeber. Sie müssen nichts angeben. Die Beratung ist für Sie genauso, mit oder ohne Angabe.",
    serverNote:
      "Diese Angaben sind nicht Ende-zu-Ende-verschlüsselt: Der Server speichert sie, damit er sie zählen kann. Ihre Beraterin oder Ihr Berater sieht sie nicht. Sie können sie jederzeit ändern oder löschen; mit Ihrem Konto werden sie gelöscht.",
    legend: "Angaben für {{organisation}}",
    ageBand: "Altersgruppe (freiwillig)",
    gender: "Geschlecht (freiwillig)",
    notStated: "keine Angabe",
    ages: {
      under_14: "unter 14 Jahre",
      "14_17": "14 bis 17 Jahre",
      "18_26": "18 bis 26 Jahre",
      "27_49": "27 bis 49 Jahre",
      "50_64": "50 bis 64 Jahre",
      "65_plus": "65 Jahre oder älter",
    },
    genders: { female: "weiblich", male: "männlich", diverse: "divers" },
    save: "Angaben speichern",
    clear: "Angaben löschen",
    saved: "Ihre Angaben sind gespeichert.",
    cleared: "Ihre Angaben sind gelöscht.",
    failed: "Das hat nicht geklappt ({{code}}). Bitte versuchen Sie es noch einmal.",
  },
};
