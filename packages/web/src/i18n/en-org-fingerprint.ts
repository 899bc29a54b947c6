// SPDX-License-Identifier: AGPL-3.0-or-later

/** The organisation's fingerprint for clients (agency page, sign-up, warning) and staff (account page), ADR 0030. */
export const enOrgFingerprint = {
  orgFingerprint: {
    title: "The organisation's fingerprint",
    explain:
      "Compare these digits with the ones {{organisation}} publishes, for example on its website or a poster: if they match, you are really writing to this organisation.",
    label: "Fingerprint of {{organisation}}, 12 groups of 5 digits",
    remembered:
      "Your account remembers this fingerprint, encrypted. If the organisation later shows a different one, Obhut warns you and sends nothing.",
    unavailable: "The fingerprint cannot be loaded right now. Please try again later.",
    changed:
      "Warning: the organisation identifies itself differently than at your first contact. Someone may be in between. Obhut has sent nothing. Do not write here, and ask the counselling service another way, for example by phone.",
    staff: {
      title: "Your organisation's fingerprint",
      explain:
        "Clients see the same digits on your counselling service's page and when they sign up: compare them with what your organisation publishes, and read them out when someone asks.",
      label: "Your organisation's fingerprint, 12 groups of 5 digits",
    },
  },
};
