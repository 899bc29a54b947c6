// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deClientDetails } from "./de-client-details";

/** English for de-client-details.ts (voluntary statistics details, ADR 0050). */
export const enClientDetails: typeof deClientDetails = {
  clientDetails: {
    title: "Voluntary details for the statistics",
    intro:
      "Your counselling service asks, voluntarily, for your age group and your gender. The answers help it make anonymous yearly statistics for its funders. You do not have to answer. Your counselling is the same with or without an answer.",
    serverNote:
      "These answers are not end-to-end encrypted: the server stores them so that it can count them. Your counsellor does not see them. You can change or delete them at any time; they are deleted with your account.",
    legend: "Details for {{organisation}}",
    ageBand: "Age group (voluntary)",
    gender: "Gender (voluntary)",
    notStated: "prefer not to say",
    ages: {
      under_14: "under 14",
      "14_17": "14 to 17",
      "18_26": "18 to 26",
      "27_49": "27 to 49",
      "50_64": "50 to 64",
      "65_plus": "65 or older",
    },
    genders: { female: "female", male: "male", diverse: "diverse" },
    save: "Save details",
    clear: "Delete details",
    saved: "Your details are saved.",
    cleared: "Your details are deleted.",
    failed: "That did not work ({{code}}). Please try again.",
  },
};
