// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of the client's consent and contact page (issue 7.2). */
export const deInformalCompliance: Overrides = {
  myPrivacy: {
    lead: "Hier siehst du, wofür du eingewilligt hast, und kannst jede Einwilligung sofort widerrufen. Der Widerruf gilt ab jetzt; was vorher geschehen ist, bleibt rechtmäßig. Fragen beantwortet die oder der Datenschutzbeauftragte deiner Beratungsstelle.",
    loggedOut: "Bitte melde dich an, um deine Einwilligungen zu sehen.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuch es noch einmal.",
    noConsents: "Du hast keine Einwilligungen gegeben.",
    withdrawn:
      "Dein Widerruf ist gespeichert. Ab jetzt wird nichts mehr auf Grundlage dieser Einwilligung weitergegeben.",
    channelsHeading: "Wie wir dich erreichen dürfen",
    channelsSaved: "Deine Kontaktwege sind gespeichert.",
    noticeAccepted: "Gespeichert: Du hast diese Fassung gelesen.",
  },
};
