// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of giving a consent; only texts that address the reader. */
export const deInformalConsents: Overrides = {
  consents: {
    purpose: {
      other: "Ein weiterer Zweck deiner Beratungsstelle",
    },
    give: {
      lead: "Wenn deine Beraterin oder dein Berater etwas weitergeben möchte, kannst du hier zustimmen. Du siehst vorher genau, wozu du einwilligst, und kannst die Einwilligung jederzeit widerrufen.",
      noCases: "Sobald du mit einer Beratungsstelle schreibst, kannst du hier Einwilligungen geben.",
      recipientMissing: "Bitte schreib, an wen etwas weitergegeben werden darf.",
      channelsMissing: "Bitte wähle mindestens einen Weg.",
      ageLegend: "Dein Alter",
      textHeading: "Dazu willigst du ein",
      given:
        "Deine Einwilligung ist gespeichert und steht jetzt in der Liste; dort kannst du sie jederzeit widerrufen.",
    },
  },
};
