// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deSso } from "./de-sso";

/** English texts for staff single sign-on (see de-sso.ts). */
export const enSso: typeof deSso = {
  sso: {
    entryTitle: "Sign in with your organisation (SSO)",
    entryLead: "Your organisation confirms who you are. Then you unlock your keys with your password as usual.",
    organisation: "Organisation",
    chooseOrganisation: "Please choose",
    signIn: "Sign in with your organisation (SSO)",
    unavailable: "Your organisation's sign-in service cannot be reached right now. Please try again later.",
    callbackTitle: "Sign-in through your organisation",
    callbackLead: "Your organisation has confirmed who you are. Only your password opens your keys.",
    checking: "Checking the sign-in …",
    failed: "The sign-in through your organisation did not work. Please start again.",
    notLinked:
      "This account of your organisation is not linked to Obhut yet. Log in with your password once and link it, or ask your administration for an invitation.",
    noAccess: "Your organisation has not given you access to Obhut.",
    backToLogin: "Back to the login",
    linked: "Your account is now linked to your organisation's sign-in.",
    passwordLead: "Signed in as {{username}}. Enter your password to unlock your keys.",
    unlock: "Unlock keys",
  },
};
