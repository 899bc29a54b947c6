// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of the channels section in "Meine Beratungen" (ADR 0037); only texts that address the reader. */
export const deInformalChannels: Overrides = {
  clientChannels: {
    lead: "Mitteilungen deiner Beratungsstellen, zum Beispiel Öffnungszeiten und Termine. Niemand sieht, wer sonst abonniert hat.",
    toggleFailed: "Das hat nicht geklappt. Bitte versuch es noch einmal.",
    waiting:
      "Wartet auf Freischaltung: Die Beratungsstelle schaltet den Kanal für dich frei. Danach siehst du hier die Beiträge.",
  },
};
