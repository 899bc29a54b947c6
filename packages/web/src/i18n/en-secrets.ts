// SPDX-License-Identifier: AGPL-3.0-or-later
import { enAccountReset } from "./en-account-reset";
import type { deSecrets } from "./de-secrets";

/** Forgotten password (recovery), password change, a new recovery code. */
export const enSecrets: typeof deSecrets = {
  ...enAccountReset,
  recover: {
    title: "Forgotten password",
    lead: "With your name and your recovery code you set a new password. All your messages stay readable.",
    username: "Name (pseudonym)",
    code: "Recovery code",
    codeHint:
      "The 7 blocks of 4 characters from your paper. Upper or lower case and the dashes do not matter. Older codes of 12 English words still work.",
    newPassword: "New password",
    newPasswordRepeat: "Repeat the new password",
    submit: "Set a new password",
    working: "Your access is being restored. This takes a few seconds.",
    missing: "Please enter your name and your recovery code.",
    noCodeTitle: "No code any more?",
    noCode:
      "Without password and recovery code nobody can open your earlier messages – not even the counselling service. Create a new account and call your counselling service: your counsellor can connect the earlier counselling to the new account.",
    forgotLink: "Forgotten your password?",
    back: "Back to login",
  },
  secrets: {
    passwordTitle: "Change password",
    passwordExplain: "To be safe we ask for your current password. Afterwards you are logged out on all other devices.",
    currentPassword: "Current password",
    newPassword: "New password",
    newPasswordRepeat: "Repeat the new password",
    passwordSubmit: "Change password",
    passwordWorking: "Changing the password …",
    passwordMissing: "Please enter your current password.",
    passwordChanged: "Your password has been changed.",
    passwordChangedOthers_one: "Your password has been changed. One other login was ended.",
    passwordChangedOthers_other: "Your password has been changed. {{count}} other logins were ended.",
    codeTitle: "Recovery code",
    codeExplain:
      "With the recovery code you get back to your messages if you forget the password. You can create a new code at any time, for example if you lost the old one or someone may have seen it. Then only the new code works.",
    codeStart: "Create a new recovery code",
    codeWorking: "Saving the new code. This takes a few seconds …",
    codeDone: "The new recovery code is valid from now on. The old code no longer works.",
    codeSave: "Save the new code",
    cancel: "Cancel",
  },
  sessions: {
    title: "Logged-in devices",
    explain:
      "Here you see where your account is logged in right now – with times only; Obhut stores no addresses and no device names. End a login you do not recognise or one left open on someone else's device.",
    current: "This device",
    line: "logged in since {{since}}, last active {{seen}}",
    endOne: "End",
    endOneLabel: "End the login since {{since}}",
    endOthers: "End all other logins",
    onlyThis: "Your account is logged in on this device only.",
    ended_one: "One login was ended.",
    ended_other: "{{count}} logins were ended.",
    failed: "The logins could not be loaded or ended. Please try again.",
  },
};
