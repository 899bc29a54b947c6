// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deSetup } from "./de-setup";

/** English texts for completing the first-start setup (see de-setup.ts). */
export const enSetup: typeof deSetup = {
  setupFlow: {
    codeTitle: "Your recovery code",
    codeIntro:
      "This is the recovery code for your administrator account. Copy the 7 blocks of 4 characters onto paper and keep the paper safe, for example in your organisation's safe. The code is shown only this once. Keep it as secret as a password.",
    codeListLabel: "The 7 blocks of the recovery code",
    codeWhy:
      "Your password protects the organisation's keys. Nobody can reset it – not even the server's operator. If you forget the password, this code opens your keys again. The code is mandatory for staff.",
    codeConfirm: "I have written the code down and keep it safe.",
    codeConfirmMissing: "Please confirm that you have written the code down.",
    codeSubmit: "Finish setup",
    back: "Back",
    working:
      "The organisation is being set up. Your browser is creating the keys. Please wait – this can take a few seconds.",
    steps: {
      password: "Protecting your password …",
      keys: "Creating your keys …",
      recovery: "Securing the recovery code. This takes a few seconds …",
      genesis: "Creating the organisation's root key and signing the key log …",
      check: "Checking all keys …",
      send: "Creating the organisation on the server …",
      login: "Logging you in …",
      verify: "Checking the key log on the server …",
    },
    failedTitle: "Setup is not complete.",
    failures: {
      link_invalid:
        "This setup link is no longer valid. Nothing was created. If the server was restarted it printed a new link: please open the newest link from the server's console.",
      already_done: "This Obhut installation has been set up in the meantime. Please log in as staff.",
      name_taken: "This user name already exists. Please choose another one. Nothing was created.",
      rate_limited: "Too many attempts. Please wait a few minutes and try again. Nothing was created.",
      network:
        "The server cannot be reached right now. Nothing was created. Please check the connection and try again.",
      interrupted:
        "The connection broke during the last step. The server creates everything in one step – completely or not at all. Please check the connection and choose “Send again”. Exactly the same setup is sent again; nothing is created twice.",
      crypto:
        "An encryption step in this browser failed. Nothing was created and nothing was sent. Please try again, if necessary with an up-to-date browser.",
      rejected:
        "The server did not accept the organisation's keys. Nothing was created. Please try again; if the error persists, please report it to the Obhut developers.",
      server: "The server refused the request. Nothing was created. Please try again later.",
    },
    retry: "Send again",
    retryAgain: "Try again",
    doneTitle: "The organisation is set up",
    doneIntro: "Your organisation “{{name}}” and your administrator account “{{username}}” have been created.",
    fingerprintTitle: "The organisation's fingerprint",
    fingerprintExplain:
      "These 60 digits are the fingerprint of your organisation's root key. Clients and staff compare it to be sure they are really connected to your organisation and nobody is in between – not even the server. Publish it, for example on your website, on flyers and on a notice board. It never changes.",
    fingerprintLabel: "The organisation's fingerprint, 12 groups of 5 digits",
    print: "Print",
    copy: "Copy",
    copied: "The fingerprint was copied to the clipboard.",
    copyFailed: "Copying did not work. Please select the digits and copy them yourself.",
    followUp: {
      ready: "You are logged in. The keys are kept only in the memory of this browser window.",
      mfa_required:
        "Your password was confirmed. A second factor is mandatory for staff: please set up a second factor now (an authenticator app or a passkey) before you continue.",
      login_failed: "Setup is complete, but the automatic login did not work. Please log in on the staff page.",
      log_mismatch:
        "Warning: the key log returned by the server does not match this fingerprint. Do not continue; contact your technical support.",
    },
    accountLink: "Continue to your account",
    staffLink: "Go to the staff login",
  },
};
