// SPDX-License-Identifier: AGPL-3.0-or-later

/** Die Frage beim Anmelden: eigenes Gerät oder eines, das auch andere nutzen (ADR 0027). */
export const deKeptDevice = {
  keptDevice: {
    legend: "Welches Gerät ist das?",
    own: "Mein eigenes Gerät",
    ownHint:
      "Angemeldet bleiben, auch nach dem Neuladen der Seite – bis zur Abmeldung oder bis das Gerät einige Stunden nicht benutzt wird.",
    shared: "Ein Gerät, das auch andere nutzen",
    sharedHint:
      "Auf dem Gerät wird nichts gespeichert. Nach dem Neuladen oder Schließen ist eine neue Anmeldung nötig.",
    ownNotice:
      "Die Schlüssel und der Entwurf, der gerade entsteht, bleiben verschlüsselt auf diesem Gerät. Abmelden oder „Schnell verlassen“ löscht alles.",
    sharedNotice:
      "Auf diesem Gerät wird nichts gespeichert. Nach dem Neuladen oder Schließen der Seite ist die Anmeldung beendet.",
    unsupported:
      "Dieser Browser kann nichts sicher behalten: Auf diesem Gerät wird nichts gespeichert. Nach einem Neuladen ist eine neue Anmeldung nötig.",
    draftKept: "Entwurf verschlüsselt auf diesem Gerät gespeichert",
    adminLegend: "Eigene Geräte der Ratsuchenden",
    adminIdle: "Angemeldet bleiben ohne Nutzung (Minuten, 15 bis 720)",
    adminHint:
      "Wer beim Anmelden „Mein eigenes Gerät“ wählt, bleibt so lange ohne Nutzung angemeldet – höchstens 12 Stunden nach der Anmeldung. Hat jemand Beratungen bei mehreren Organisationen, gilt die kürzeste Zeit.",
  },
};
