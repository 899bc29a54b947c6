// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffNotificationKind } from "@obhut/protocol";

/**
 * The words of every notice. Content-free by construction: the only inputs
 * are the kind, the language and form of address, the organisation's neutral
 * sender name and a link to the app. No message text, pseudonym, agency or
 * topic name can reach a mail because none is ever passed in here.
 */
export type NoticeKind = "confirm" | "new_answer" | "digest" | StaffNotificationKind;
export type NoticeLanguage = "de" | "en";
export type NoticeForm = "formal" | "informal";

export interface ComposedNotice {
  subject: string;
  text: string;
  html: string;
}

interface Words {
  subject: string;
  lines: string[];
  action: string;
  footer: string;
}

const DEFAULT_SENDER: Record<NoticeLanguage, string> = {
  de: "Ihre Beratungsstelle",
  en: "Your counselling service",
};

export function defaultSenderName(language: NoticeLanguage): string {
  return DEFAULT_SENDER[language];
}

/**
 * Staff notices of the kinds added with the rules (ADR 0044): one neutral line each, naming only the kind —
 * never a case, a client, a team, a request, a job or which check failed.
 */
const STAFF_LINES: Partial<Record<NoticeKind, Record<NoticeLanguage, string>>> = {
  new_message: {
    de: "In einem Ihrer Fälle gibt es eine neue Nachricht.",
    en: "There is a new message in one of your cases.",
  },
  handed_to_me: { de: "Ein Fall wurde Ihnen übergeben.", en: "A case has been handed to you." },
  break_glass: {
    de: "Jemand hat den Notfallzugriff auf einen Fall Ihres Teams genutzt.",
    en: "Someone used emergency access to a case of your team.",
  },
  enquiry_waiting: {
    de: "Eine Anfrage Ihres Teams wartet länger als vorgesehen auf eine Zuständigkeit.",
    en: "An enquiry of your team has waited longer than intended for someone to take it.",
  },
  assignee_absent: {
    de: "In einem Fall Ihres Teams hat die ratsuchende Person geschrieben, während die zuständige Fachkraft abwesend ist.",
    en: "A client wrote in a case of your team while its counsellor is away.",
  },
  document_approval: { de: "Ein Dokument wartet auf Ihre Freigabe.", en: "A document is waiting for your approval." },
  audit_chain_failed: {
    de: "Die Prüfung des Audit-Protokolls ist fehlgeschlagen.",
    en: "The audit log failed its verification.",
  },
  job_failed: {
    de: "Eine Hintergrundaufgabe ist endgültig fehlgeschlagen.",
    en: "A background job failed for good.",
  },
  config_problem: {
    de: "Eine Prüfung der Einrichtung hat ein Problem gefunden.",
    en: "A check of the setup found a problem.",
  },
  breach_due_soon: {
    de: "Eine Frist zur Meldung einer Datenpanne läuft bald ab.",
    en: "A breach notification deadline is near.",
  },
  breach_overdue: {
    de: "Die Frist zur Meldung einer Datenpanne ist abgelaufen.",
    en: "A breach notification deadline has passed.",
  },
  training_due: {
    de: "Eine Schulung ist für Sie fällig.",
    en: "A training is due for you.",
  },
};

/** A staff member's digest: what waited for their quiet hours or for the office to open (ADR 0051). */
function staffDigest(language: NoticeLanguage, count: number): Words {
  if (language === "en") {
    const things = count === 1 ? "1 new notice" : `${count} new notices`;
    return {
      subject: things,
      lines: [
        `While your quiet hours were on or the office was closed, ${things} arrived for you.`,
        "Log in to see them.",
      ],
      action: "Open the app",
      footer: "You receive this notice because of your notification settings. You can change them in your account.",
    };
  }
  const things = count === 1 ? "1 neue Benachrichtigung" : `${count} neue Benachrichtigungen`;
  return {
    subject: things,
    lines: [
      `Während Ihrer Ruhezeit oder außerhalb der Sprechzeiten ist Neues für Sie eingegangen: ${things}.`,
      "Melden Sie sich an, um es zu sehen.",
    ],
    action: "Zur Anmeldung",
    footer:
      "Sie erhalten diesen Hinweis wegen Ihrer Einstellungen für Benachrichtigungen. Sie können sie in Ihrem Konto ändern.",
  };
}

function words(kind: NoticeKind, language: NoticeLanguage, form: NoticeForm, count: number): Words {
  const staffLine = STAFF_LINES[kind]?.[language];
  if (staffLine)
    return language === "en"
      ? {
          subject: "Something new in Obhut",
          lines: [staffLine, "Log in to see it."],
          action: "Open the app",
          footer: "You receive this notice because of your notification settings. You can change them in your account.",
        }
      : {
          subject: "Neues in Obhut",
          lines: [staffLine, "Melden Sie sich an, um es zu sehen."],
          action: "Zur Anmeldung",
          footer:
            "Sie erhalten diesen Hinweis wegen Ihrer Einstellungen für Benachrichtigungen. Sie können sie in Ihrem Konto ändern.",
        };
  const du = form === "informal";
  if (language === "en") {
    const footer = "You receive this notice because you asked for it. You can switch it off in the app at any time.";
    if (kind === "digest")
      return {
        subject: count === 1 ? "1 new message" : `${count} new messages`,
        lines: [
          count === 1
            ? "While your quiet hours were on, 1 new message arrived for you."
            : `While your quiet hours were on, ${count} new messages arrived for you.`,
          "Log in to read them.",
        ],
        action: "Open the app",
        footer,
      };
    if (kind === "dsr_due_soon" || kind === "dsr_overdue")
      return {
        subject:
          kind === "dsr_due_soon" ? "A data-subject request is due in 7 days" : "A data-subject request is overdue",
        lines: [
          kind === "dsr_due_soon"
            ? "A data-subject request of your organisation is due in 7 days."
            : "A data-subject request of your organisation is past its due date.",
          "Log in to see it.",
        ],
        action: "Open the app",
        footer,
      };
    if (kind === "confirm")
      return {
        subject: "Please confirm your e-mail notice",
        lines: [
          "You asked to be notified by e-mail when there is something new for you.",
          "Please open the link to confirm. If it was not you, ignore this mail: nothing will be sent.",
        ],
        action: "Confirm e-mail notice",
        footer: "The link is valid for 24 hours.",
      };
    if (kind === "new_answer")
      return {
        subject: "There is a new answer",
        lines: ["There is a new answer for you.", "Log in to read it."],
        action: "Open the app",
        footer,
      };
    return {
      subject: "A new enquiry",
      lines: ["A new enquiry has arrived for one of your teams.", "Log in to see it."],
      action: "Open the app",
      footer,
    };
  }
  const footer = du
    ? "Du bekommst diesen Hinweis, weil du ihn eingeschaltet hast. Du kannst ihn in der App jederzeit ausschalten."
    : "Sie erhalten diesen Hinweis, weil Sie ihn eingeschaltet haben. Sie können ihn in der App jederzeit ausschalten.";
  if (kind === "confirm")
    return {
      subject: du ? "Bitte bestätige deinen E-Mail-Hinweis" : "Bitte bestätigen Sie Ihren E-Mail-Hinweis",
      lines: du
        ? [
            "Du möchtest per E-Mail erfahren, wenn es etwas Neues für dich gibt.",
            "Bitte öffne den Link, um das zu bestätigen. Wenn du das nicht warst, ignoriere diese Mail: Es wird nichts gesendet.",
          ]
        : [
            "Sie möchten per E-Mail erfahren, wenn es etwas Neues für Sie gibt.",
            "Bitte öffnen Sie den Link, um das zu bestätigen. Wenn Sie das nicht waren, ignorieren Sie diese Mail: Es wird nichts gesendet.",
          ],
      action: "E-Mail-Hinweis bestätigen",
      footer: "Der Link gilt 24 Stunden.",
    };
  if (kind === "digest") {
    const things = count === 1 ? "1 neue Nachricht" : `${count} neue Nachrichten`;
    return {
      subject: things,
      lines: du
        ? [`Während deiner Ruhezeit ist Neues für dich eingegangen: ${things}.`, "Melde dich an, um sie zu lesen."]
        : [`Während Ihrer Ruhezeit ist Neues für Sie eingegangen: ${things}.`, "Melden Sie sich an, um sie zu lesen."],
      action: "Zur Anmeldung",
      footer,
    };
  }
  if (kind === "dsr_due_soon" || kind === "dsr_overdue")
    return {
      subject:
        kind === "dsr_due_soon"
          ? "Eine Betroffenenanfrage ist in 7 Tagen fällig"
          : "Eine Betroffenenanfrage ist überfällig",
      lines: [
        kind === "dsr_due_soon"
          ? "Eine Betroffenenanfrage Ihrer Organisation ist in 7 Tagen fällig."
          : "Eine Betroffenenanfrage Ihrer Organisation hat ihre Frist überschritten.",
        "Melden Sie sich an, um sie zu sehen.",
      ],
      action: "Zur Anmeldung",
      footer:
        "Sie erhalten diesen Hinweis, weil Sie ihn eingeschaltet haben. Sie können ihn in Ihrem Konto ausschalten.",
    };
  if (kind === "new_answer")
    return {
      subject: "Es gibt eine neue Antwort",
      lines: du
        ? ["Es gibt eine neue Antwort für dich.", "Melde dich an, um sie zu lesen."]
        : ["Es gibt eine neue Antwort für Sie.", "Melden Sie sich an, um sie zu lesen."],
      action: "Zur Anmeldung",
      footer,
    };
  return {
    subject: "Eine neue Anfrage",
    lines: ["Für eines Ihrer Teams ist eine neue Anfrage eingegangen.", "Melden Sie sich an, um sie zu sehen."],
    action: "Zur Anmeldung",
    footer: "Sie erhalten diesen Hinweis, weil Sie ihn eingeschaltet haben. Sie können ihn in Ihrem Konto ausschalten.",
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Plain text and a minimal accessible HTML part (a language, a title, real paragraphs and a link with its text). */
export function composeNotice(props: {
  kind: NoticeKind;
  language: NoticeLanguage;
  form: NoticeForm;
  senderName: string;
  link: string;
  /** How many notices a digest merges. */
  count?: number;
  /** A digest to staff says "Benachrichtigungen" and names the office's hours; absent: the client's words. */
  audience?: "client" | "staff";
}): ComposedNotice {
  const w =
    props.kind === "digest" && props.audience === "staff"
      ? staffDigest(props.language, props.count ?? 1)
      : words(props.kind, props.language, props.form, props.count ?? 1);
  const text = [...w.lines, "", `${w.action}: ${props.link}`, "", "--", props.senderName, w.footer, ""].join("\n");
  const html = [
    "<!doctype html>",
    `<html lang="${props.language}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(w.subject)}</title></head>`,
    '<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">',
    ...w.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(props.link)}" style="color: #0b57d0;">${escapeHtml(w.action)}</a></p>`,
    `<p style="color: #444; font-size: 14px;">${escapeHtml(props.senderName)}<br>${escapeHtml(w.footer)}</p>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
  return { subject: w.subject, text, html };
}
