// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Catalogue } from "./de";

/** The language menu on client pages (ADR 0046). */
export const enLanguages: Pick<Catalogue, "languages"> = {
  languages: {
    more: "More languages",
    spoken: "Language of counselling",
    spokenAny: "Any",
    spokenHint: "Only services whose counsellors speak this language.",
  },
};
