// SPDX-License-Identifier: AGPL-3.0-or-later

/** Die Frage beim Anmelden: eigenes Gerät oder eines, das auch andere nutzen (ADR 0027). */
export const deKeptDevice = {
  keptDevice: {
    legend: "Welches Gerät nutzen Sie gerade?",
    own: "Mein eigenes Gerät",
    ownHint:
      "Sie bleiben angemeldet, auch wenn Sie die Seite neu laden – bis Sie sich abmelden oder das Gerät einige Stunden nicht benutzen.",
    shared: "Ein Gerät, das auch andere nutzen",
    sharedHint: "Auf dem Gerät wird nichts gespeichert. Nach dem Neuladen oder Schließen melden Sie sich wieder an.",
    ownNotice:
      "Ihre Schlüssel und was Sie gerade schreiben bleiben verschlüsselt auf diesem Gerät. Abmelden oder „Schnell verlassen“ löscht alles.",
    sharedNotice:
      "Auf diesem Gerät wird nichts gespeichert. Wenn Sie die Seite neu laden oder schließen, sind Sie abgemeldet.",
    unsupported:
      "Dieser Browser kann nichts sicher behalten: Auf diesem Gerät wird nichts gespeichert. Nach einem Neuladen melden Sie sich wieder an.",
    draftKept: "Entwurf verschlüsselt auf diesem Gerät gespeichert",
    adminLegend: "Eigene Geräte der Ratsuchenden",
    adminIdle: "Angemeldet bleiben ohne Nutzung (Minuten, 15 bis 720)",
    adminHint:
      "Wer beim Anmelden „Mein eigenes Gerät“ wählt, bleibt so lange ohne Nutzung angemeldet – höchstens 12 Stunden nach der Anmeldung. Hat jemand Beratungen bei mehreren Organisationen, gilt die kürzeste Zeit.",
  },
};
