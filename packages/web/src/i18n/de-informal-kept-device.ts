// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** „Du“-Fassung der Frage nach dem Gerät (ADR 0027). */
export const deInformalKeptDevice: Overrides = {
  device: {
    restoring: "Deine Schlüssel werden auf diesem Gerät geöffnet …",
  },
  keptDevice: {
    legend: "Welches Gerät nutzt du gerade?",
    ownHint:
      "Du bleibst angemeldet, auch wenn du die Seite neu lädst – bis du dich abmeldest oder das Gerät einige Stunden nicht benutzt.",
    sharedHint: "Auf dem Gerät wird nichts gespeichert. Nach dem Neuladen oder Schließen meldest du dich wieder an.",
    ownNotice:
      "Deine Schlüssel und was du gerade schreibst bleiben verschlüsselt auf diesem Gerät. Abmelden oder „Schnell verlassen“ löscht alles.",
    sharedNotice:
      "Auf diesem Gerät wird nichts gespeichert. Wenn du die Seite neu lädst oder schließt, bist du abgemeldet.",
    unsupported:
      "Dieser Browser kann nichts sicher behalten: Auf diesem Gerät wird nichts gespeichert. Nach einem Neuladen meldest du dich wieder an.",
  },
};
