// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deAddressForm } from "./de-address-form";

/** The German form of address, explained in English (the English texts have one form). */
export const enAddressForm: typeof deAddressForm = {
  addressForm: {
    title: "Form of address (German)",
    legend: "How would you like to be addressed in German?",
    agency: "As the counselling service chose for my topic",
    informal: "Informally (“du”)",
    formal: "Formally (“Sie”)",
    save: "Save form of address",
    saved: "Saved. All German pages now address you this way, on every device.",
    failed: "That did not work (error: {{code}}). Please try again.",
  },
};
