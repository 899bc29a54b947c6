// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Catalogue } from "./de";
import { enAccount } from "./en-account";
import { enAdmin } from "./en-admin";
import { enAttachments } from "./en-attachments";
import { enAddressForm } from "./en-address-form";
import { enCompliance } from "./en-compliance";
import { enConsents } from "./en-consents";
import { enDpo } from "./en-dpo";
import { enCounsellor } from "./en-counsellor";
import { enDsr } from "./en-dsr";
import { enOnboarding } from "./en-onboarding";
import { enDevice } from "./en-device";
import { enKeptDevice } from "./en-kept-device";
import { enSso } from "./en-sso";
import { enSetup } from "./en-setup";
import { enCounselling } from "./en-counselling";
import { enSecrets } from "./en-secrets";
import { enRetention } from "./en-retention";
import { enEpochs } from "./en-epochs";
import { enOwedEpochs } from "./en-owed-epochs";
import { enOrgFingerprint } from "./en-org-fingerprint";
import { enStaffShell } from "./en-staff-shell";
import { enChannels } from "./en-channels";
import { enChats } from "./en-chats";
import { enWorkspace } from "./en-workspace";
import { enNotifyEmail } from "./en-notify-email";
import { enNotifyPush } from "./en-notify-push";
import { enQuietHours } from "./en-quiet-hours";
import { enNotificationRules } from "./en-notification-rules";
import { enStatistics } from "./en-statistics";
import { enBreaches } from "./en-breaches";
import { enProcessors } from "./en-processors";
import { enTrainings } from "./en-trainings";
import { enAppointments } from "./en-appointments";
import { enLanguages } from "./en-languages";
import { enClientDetails } from "./en-client-details";

/** English catalogue; typed against the German one so no key is missing. */
export const en: Catalogue = {
  app: {
    name: "Obhut",
    titleSuffix: "Obhut",
  },
  layout: {
    skipLink: "Skip to content",
    mainNav: "Main navigation",
    nav: {
      cases: "My counselling",
      newEnquiry: "New enquiry",
      account: "Account",
      logout: "Log out",
      login: "Log in",
      home: "Get counselling",
      staff: "For staff",
      inbox: "Inbox",
      privacy: "Privacy",
      accessibility: "Accessibility",
    },
    footerNav: "Legal and help",
    footerNote: "Obhut is free software (AGPL-3.0-or-later).",
    language: {
      label: "Language",
      de: "Deutsch",
      en: "English",
    },
  },
  quickExit: {
    label: "Quick exit",
    description:
      "Leaves Obhut at once and opens a harmless page. Keyboard shortcut: press the Esc key three times quickly.",
  },
  start: {
    title: "Get counselling",
    lead: "Obhut is a protected place for conversations with a counselling service. You write confidentially and free of charge with professionals – for example from youth, addiction, debt or migration counselling.",
    what: {
      title: "What is Obhut?",
      body: "Many counselling services do not want to write with you over WhatsApp, text messages or e-mail, because others can read along or collect data there. Obhut is a platform of its own that the counselling service runs itself. You do not need an app. Obhut works in any browser, also on older phones.",
    },
    anonymity: {
      title: "How you stay anonymous",
      items: [
        "You need no phone number and no e-mail address.",
        "You choose a user name yourself. It does not have to have anything to do with your real name.",
        "Your password never leaves your device. Not even the server knows it.",
        "Your messages are encrypted on your device. Only the counselling service can read them – not the people who run the server.",
        "Obhut stores no IP addresses and uses no outside services.",
      ],
    },
    safety: {
      title: "If other people use your device",
      body: "The “Quick exit” button at the top of every page – or pressing Esc three times quickly – takes you at once to a harmless page and ends this session. Log out after every visit if other people use your device. A private window (incognito mode) also leaves no trace in the browser's history.",
    },
    next: {
      title: "What happens next?",
      body: "Create an account – anonymously, without an e-mail address and without a phone number. If you already have an account, log in.",
      signup: "Create an account",
      login: "Log in",
    },
    emergency: {
      title: "In an emergency",
      body: "Obhut is not an emergency service. Answers can take a few days. If you need help now:",
      items: [
        { name: "Emergency number", numbers: ["112"] },
        {
          name: "TelefonSeelsorge (crisis line), day and night, free of charge",
          numbers: ["0800 111 0 111", "0800 111 0 222"],
        },
        { name: "Nummer gegen Kummer for children and young people", numbers: ["116 111"] },
      ],
      or: "or",
      short: "In an emergency",
    },
  },
  staff: {
    title: "Staff login",
    lead: "Counsellors, team leads and administrators of your organisation log in here.",
    username: "User name",
    password: "Password",
    submit: "Log in",
    submitting: "Logging in …",
    unavailable: "Staff login is not yet available in this version of Obhut.",
    missingFields: "Please enter your user name and password.",
  },
  setup: {
    title: "Set up your organisation",
    lead: "With this one-time link you set up your organisation and its first administrator account.",
    checking: "Checking the setup link …",
    noToken:
      "This page needs the setup link that Obhut prints when it starts for the first time. Please open the complete link from the server console.",
    invalid:
      "This setup link is invalid or has expired. Please check that you copied the whole link. Obhut prints a new link the next time it starts.",
    alreadyDone: "This Obhut installation has already been set up. Please log in as a member of staff.",
    networkError: "The server cannot be reached right now. Please check the connection and reload the page.",
    valid: "The setup link is valid. Please fill in the form.",
    orgName: "Name of the organisation",
    orgNameHint: "For example “Youth Counselling Sampletown”. You can change the name later.",
    adminUsername: "User name for the administrator account",
    adminUsernameHint: "You will log in with this name.",
    password: "Password",
    passwordHint:
      "At least 12 characters. A long sentence of several words is easy to remember and hard to guess. The password never leaves this device; not even the server learns it. If it is lost, nobody can recover it.",
    passwordRepeat: "Repeat password",
    submit: "Set up organisation",
    submitting: "Setting up …",
    done: "Your organisation is set up. You can log in now.",
    failed: "Setup failed: {{message}}",
    unavailable: "Setup cannot be completed in this version of Obhut yet.",
    errorsTitle: "Please correct the following:",
    errors: {
      orgNameRequired: "Please enter the name of the organisation.",
      usernameRequired: "Please enter a user name.",
      usernameInvalid:
        "The user name may have 3 to 64 characters: letters without accents, digits, dot, dash and underscore. It starts with a letter or digit.",
      passwordTooShort: "The password must be at least 12 characters long.",
      passwordGuessable:
        "This password is too easy to guess (a known password, a dictionary word, a name or a pattern). Try four or more random words, for example.",
      passwordCheckFailed: "The password check could not be loaded. Please check your connection and try again.",
      passwordMismatch: "The two passwords do not match.",
    },
  },
  privacy: {
    title: "Privacy",
    lead: "Obhut is built so that as little data as possible is created – and so that only the counselling service can read your messages.",
    sections: [
      {
        title: "Who is responsible?",
        body: "The organisation that runs this Obhut is responsible – usually your counselling service or the body behind it. On request it gives you its contact details and those of its data protection officer.",
      },
      {
        title: "What data is created?",
        body: "Your user name, a check value of your password (not the password itself) and your encrypted messages. The server also sees when you use Obhut. IP addresses are not stored.",
      },
      {
        title: "Encryption",
        body: "Messages and attachments are encrypted on your device before they are sent. Only the responsible team of the counselling service can decrypt them. The people who run the server cannot read them.",
      },
      {
        title: "No outside services",
        body: "Obhut loads nothing from other servers: no fonts, no statistics services, no advertising. There is no tracking. A cookie is set only to keep you logged in after you log in.",
      },
      {
        title: "On your device",
        body: "So that Obhut starts faster, your browser stores the program files of this site. No personal data and no messages are stored that way. “Quick exit” deletes the data of this session.",
      },
      {
        title: "Your rights",
        body: "You have the right of access, rectification, erasure and restriction of processing, and the right to complain to a data protection supervisory authority. Please contact the organisation that runs this Obhut.",
      },
    ],
  },
  accessibility: {
    title: "Accessibility statement",
    lead: "Obhut should work well for everyone – also with a screen reader, with the keyboard only, with magnification or on small screens.",
    sections: [
      {
        title: "Our goal",
        body: "Obhut follows the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA. Every page is checked automatically with axe-core on every change, in German and English, on small and large screens.",
      },
      {
        title: "Status",
        body: "Automatic checks do not find every barrier. A review by people with disabilities is still to come. If you meet a barrier, please tell us.",
      },
      {
        title: "Using Obhut",
        body: "All functions can be reached with the keyboard. The first press of the Tab key leads to “Skip to content”. Pressing Esc three times quickly leaves Obhut at once. Motion and animations are switched off when your device asks for that.",
      },
      {
        title: "Feedback",
        body: "Feedback on accessibility goes to the organisation that runs this Obhut. It is responsible for removing barriers and will answer you.",
      },
    ],
  },
  notFound: {
    title: "Page not found",
    body: "This page does not exist. Perhaps the link is incomplete.",
    home: "Go to the start page",
  },
  common: {
    required: "required",
    loading: "Loading …",
  },
  ...enAccount,
  ...enAdmin,
  ...enSetup,
  ...enOnboarding,
  ...enSso,
  ...enDevice,
  ...enKeptDevice,
  ...enCounselling,
  ...enCounsellor,
  ...enCompliance,
  ...enAddressForm,
  ...enConsents,
  ...enDpo,
  ...enDsr,
  ...enAttachments,
  ...enSecrets,
  ...enRetention,
  ...enEpochs,
  ...enOwedEpochs,
  ...enOrgFingerprint,
  ...enStaffShell,
  ...enChats,
  ...enChannels,
  ...enWorkspace,
  ...enNotifyEmail,
  ...enNotifyPush,
  ...enQuietHours,
  ...enNotificationRules,
  ...enStatistics,
  ...enBreaches,
  ...enProcessors,
  ...enTrainings,
  ...enAppointments,
  ...enLanguages,
  ...enClientDetails,
};
