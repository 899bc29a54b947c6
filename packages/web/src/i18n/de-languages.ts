// SPDX-License-Identifier: AGPL-3.0-or-later
/** The language menu on client pages (ADR 0046). */
export const deLanguages = {
  languages: {
    more: "Weitere Sprachen",
    spoken: "Sprache der Beratung",
    spokenAny: "Egal",
    spokenHint: "Nur Stellen, deren Beraterinnen und Berater diese Sprache sprechen.",
  },
};
