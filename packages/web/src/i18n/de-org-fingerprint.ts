// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Der Fingerabdruck der Organisation für Ratsuchende (Seite der
 * Beratungsstelle, Anmeldung, Warnung bei einem anderen) und für
 * Mitarbeitende (Kontoseite), ADR 0030.
 */
export const deOrgFingerprint = {
  orgFingerprint: {
    title: "Fingerabdruck der Organisation",
    explain:
      "Vergleichen Sie diese Ziffern mit denen, die {{organisation}} zum Beispiel auf der Website oder einem Aushang veröffentlicht: Stimmen sie überein, schreiben Sie wirklich mit dieser Organisation.",
    label: "Fingerabdruck von {{organisation}}, 12 Gruppen zu je 5 Ziffern",
    remembered:
      "Ihr Konto merkt sich diesen Fingerabdruck verschlüsselt. Zeigt die Organisation später einen anderen, warnt Obhut Sie und sendet nichts.",
    unavailable: "Der Fingerabdruck kann gerade nicht geladen werden. Versuchen Sie es später noch einmal.",
    changed:
      "Achtung: Die Organisation weist sich anders aus als bei Ihrem ersten Kontakt. Vielleicht steht jemand dazwischen. Obhut hat nichts gesendet. Schreiben Sie hier nichts und fragen Sie die Beratungsstelle auf einem anderen Weg, zum Beispiel am Telefon.",
    staff: {
      title: "Fingerabdruck Ihrer Organisation",
      explain:
        "Ratsuchende sehen dieselben Ziffern auf der Seite Ihrer Beratungsstelle und bei der Anmeldung: Vergleichen Sie sie mit dem, was Ihre Organisation veröffentlicht, und lesen Sie sie vor, wenn jemand nachfragt.",
      label: "Fingerabdruck Ihrer Organisation, 12 Gruppen zu je 5 Ziffern",
    },
  },
};
