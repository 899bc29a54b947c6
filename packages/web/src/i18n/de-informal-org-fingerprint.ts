// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** „Du“-Fassung der Texte zum Fingerabdruck der Organisation (ADR 0030). */
export const deInformalOrgFingerprint: Overrides = {
  orgFingerprint: {
    explain:
      "Vergleiche diese Ziffern mit denen, die {{organisation}} zum Beispiel auf der Website oder einem Aushang veröffentlicht: Stimmen sie überein, schreibst du wirklich mit dieser Organisation.",
    remembered:
      "Dein Konto merkt sich diesen Fingerabdruck verschlüsselt. Zeigt die Organisation später einen anderen, warnt Obhut dich und sendet nichts.",
    unavailable: "Der Fingerabdruck kann gerade nicht geladen werden. Versuch es später noch einmal.",
    changed:
      "Achtung: Die Organisation weist sich anders aus als bei deinem ersten Kontakt. Vielleicht steht jemand dazwischen. Obhut hat nichts gesendet. Schreib hier nichts und frag die Beratungsstelle auf einem anderen Weg, zum Beispiel am Telefon.",
  },
};
