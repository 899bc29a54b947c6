// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deAccount } from "./de-account";

/** English texts for sign-up, login and the account page (see de-account.ts). */
export const enAccount: typeof deAccount = {
  signup: {
    title: "Create an account",
    lead: "To talk with a counselling service you need an account. You do not need an e-mail address or a phone number – just a name you make up and a password.",
    username: "Your name in Obhut (pseudonym)",
    usernameHint:
      "Make up a name that says nothing about you. 3 to 64 characters: letters without accents, digits, dot, hyphen and underscore.",
    password: "Password",
    passwordHint:
      "At least 12 characters. A sentence of several words is easy to remember and hard to guess. The password never leaves this device – the server never learns it either.",
    passwordRepeat: "Repeat password",
    recoveryLegend: "Recovery code (recommended)",
    recoveryExplain:
      "Your messages are protected by your password. Nobody can reset it – not even the counselling service. With a recovery code you can still get back to your messages if you forget the password.",
    recoveryChoice: "Yes, I want a recovery code",
    recoveryDeclined: "Without a code: if you forget your password, you can no longer open your earlier messages.",
    submit: "Continue",
    submitWithoutCode: "Create account",
    errorsTitle: "Please correct the following:",
    errors: {
      usernameRequired: "Please make up a name.",
      usernameInvalid:
        "The name may have 3 to 64 characters: letters without accents, digits, dot, hyphen and underscore. It starts with a letter or a digit.",
      passwordTooShort: "The password must be at least 12 characters long.",
      passwordGuessable:
        "This password is too easy to guess (a known password, a dictionary word, a name or a pattern). Try four or more random words, for example.",
      passwordCheckFailed: "The password check could not be loaded. Please check your connection and try again.",
      passwordMismatch: "The two passwords do not match.",
    },
    codeTitle: "Your recovery code",
    codeIntro:
      "Copy this code onto paper – 7 blocks of 4 characters, only digits and capital letters – and keep the paper somewhere safe. When you type it back, upper or lower case and the dashes do not matter. The code is shown only this once. Keep it secret like a password.",
    codeListLabel: "The 7 blocks of your recovery code",
    codeLoss:
      "If you forget the password, this code opens your messages again. If you lose both the password and the code, nobody can open your earlier messages for you – not the counselling service and not the operator. The counselling service can then only help you to continue with a new account.",
    codeConfirm: "I have written the code down and will keep it safe.",
    codeConfirmMissing: "Please confirm that you have written the code down.",
    codeSubmit: "Create account",
    back: "Back",
    working: "Your account is being created. Please wait – this can take a few seconds.",
    failed: "The account was not created.",
    haveAccount: "Already have an account?",
    loginLink: "Log in",
  },
  login: {
    title: "Log in",
    lead: "Log in with your name and your password.",
    username: "Name (pseudonym)",
    password: "Password",
    submit: "Log in",
    missingFields: "Please enter your name and password.",
    working: "Logging in. Please wait a moment.",
    noAccount: "No account yet?",
    signupLink: "Create an account",
  },
  authSteps: {
    restore: "Your recovery code is opening your keys. This takes a few seconds …",
    save: "Saving the change …",
    password: "Protecting your password …",
    keys: "Creating your keys …",
    recovery: "Securing the recovery code. This takes a few seconds …",
    check: "Checking the keys …",
    register: "Creating the account …",
    login: "Logging in …",
    unlock: "Opening your keys …",
  },
  authErrors: {
    wrong_recovery: "Name or recovery code is wrong.",
    recovery_typo: "The recovery code contains a typo. Please compare it block by block with your paper.",
    wrong_credentials: "Name or password is wrong.",
    name_taken: "This name is already taken. Please choose another one.",
    rate_limited: "Too many attempts. Please wait a few minutes and try again.",
    network: "The server cannot be reached right now. Please check the connection and try again.",
    crypto:
      "An encryption step on this device failed. Your password and your keys were not sent. Please try again, if necessary with an up-to-date browser.",
    keys_unreadable:
      "The login worked, but your keys could not be opened. To be safe you were logged out again. Please contact your counselling service.",
    server: "The server refused the request. Please try again later.",
  },
  account: {
    title: "Your account",
    signedInAs: "Logged in as",
    fingerprintTitle: "Your security code",
    fingerprintExplain:
      "These 60 digits belong to your account only. Compare them with your counsellor – on the phone or in person, not here in the chat. If all digits match, you are really writing to each other and nobody is secretly reading along.",
    fingerprintLabel: "Security code, 12 groups of 5 digits",
    logout: "Log out",
    loggingOut: "Logging out …",
    sharedDevice: "Log out when you are done – especially on a device that other people use too.",
    loggedOut: "You are not logged in.",
    loggedOutWhy:
      "On a device other people use too, your keys stay only while the page is open: nothing is stored. After reloading or logging out, please log in again.",
    loginLink: "Log in",
  },
};
