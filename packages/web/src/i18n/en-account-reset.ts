// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deAccountReset } from "./de-account-reset";

/** English texts of the staff account reset (see de-account-reset.ts). */
export const enAccountReset: typeof deAccountReset = {
  accountReset: {
    title: "Reset your access",
    lead: "With this one-time link from your administrator you set a new password and new keys.",
    checking: "Checking the link …",
    noToken:
      "This page needs the complete reset link. Please open the link you received from your administrator again.",
    invalid:
      "This link is invalid, expired, already used or replaced by a newer one. Please ask your administrator for a new link.",
    rateLimited: "Too many attempts. Please wait a few minutes, then reload the page.",
    network: "The server cannot be reached right now. Please check the connection and reload the page.",
    valid: "The link is valid: access “{{username}}” at “{{org}}”, valid until {{until}}.",
    whatTitle: "What happens",
    what: {
      keys: "You set a new password. Your browser creates new keys and a new recovery code; password and code never leave this device.",
      old: "Your old password, your old recovery code and your old keys open nothing afterwards. All logins end, remembered devices are forgotten. Login name, role, teams and second factor stay.",
      signed:
        "What you signed with your old keys can then no longer be verified: your earlier messages and notes show as not openable – to the clients too.",
      confirm:
        "You read your team's cases and notes again once your administrator has confirmed your new keys. For that you tell them the fingerprint we show you at the end.",
    },
    username: "Login name",
    newPassword: "New password",
    newPasswordRepeat: "Repeat new password",
    recoveryNote: "In the next step we show you your new recovery code, once.",
    submit: "Continue to the recovery code",
    codeSubmit: "Set up my access again",
    working: "Your access is being set up again on this device. This can take a few seconds.",
    failed: "The access was not reset.",
    doneTitle: "Your access has been set up again",
    done: "You are logged in with your new password. Before you can read cases again, your administrator has to confirm your new keys. Read this fingerprint to them, in person or by phone; they compare it with the one the console shows. You also find it later under “Account”.",
    fingerprintLabel: "Fingerprint of your new key",
    continue: "Continue",
  },
  adminReset: {
    action: "Reset access",
    confirm: "Reset the access of {{name}}?",
    explain: {
      when: "For staff who lost both password and recovery code. You create a link that is valid for 24 hours and once; a new link replaces one not yet used.",
      what: "With the link {{name}} sets a new password, new keys and a new recovery code. The old password and the old keys are then void, all sessions end. Login name, role, teams and second factor stay.",
      then: "Afterwards you confirm the new keys here: the old key is revoked in the key directory, the new one certified, and the keys of {{name}}'s teams are renewed. Only then does {{name}} read the teams' cases and notes again.",
      lost: "What {{name}} signed with the old keys can then no longer be verified: the earlier messages and notes of {{name}} show as not openable – to the clients too –, as after a deactivation. Conversations whose keys were given to {{name}} personally only (not case conversations) stay closed to {{name}}.",
    },
    create: "Create link",
    cancel: "Cancel",
    working: "Creating the link …",
    issued: "Reset link for {{name}} created.",
    linkOnce:
      "Give this link to {{name}} only, in a safe way (in person or by phone, not by unencrypted e-mail). It is shown only now and is valid until {{until}}, once.",
    linkLabel: "Reset link for {{name}}",
    pending: "A reset link is open (valid until {{until}}). A new link replaces it.",
    waiting: "{{name}} set up the access again on {{date}}. Confirm the new keys now.",
    fingerprintLabel: "Fingerprint of {{name}}'s new key",
    compare:
      "Have {{name}} read you the fingerprint the page shows after the reset (also under “Account”). If it does not match, confirm nothing – someone else used the link or the server swapped the keys – and create a new link.",
    match: "The fingerprint matches the one {{name}} told me.",
    matchMissing: "Please compare the fingerprint first.",
    adopt: "Confirm new keys",
    adopted: "The new keys of {{name}} are confirmed; the team keys have been renewed.",
  },
};
