// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of the voluntary statistics details (ADR 0050). */
export const deInformalClientDetails: Overrides = {
  clientDetails: {
    intro:
      "Deine Beratungsstelle fragt freiwillig nach deiner Altersgruppe und deinem Geschlecht. Die Angaben helfen ihr bei einer anonymen Jahresstatistik für die Geldgeber. Du musst nichts angeben. Die Beratung ist für dich genauso, mit oder ohne Angabe.",
    serverNote:
      "Diese Angaben sind nicht Ende-zu-Ende-verschlüsselt: Der Server speichert sie, damit er sie zählen kann. Deine Beraterin oder dein Berater sieht sie nicht. Du kannst sie jederzeit ändern oder löschen; mit deinem Konto werden sie gelöscht.",
    saved: "Deine Angaben sind gespeichert.",
    cleared: "Deine Angaben sind gelöscht.",
    failed: "Das hat nicht geklappt ({{code}}). Bitte versuch es noch einmal.",
  },
};
