// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Localised, RetentionClass } from "@obhut/protocol";

/**
 * The fixed texts of the record of processing activities (Art. 30 GDPR) and
 * of the measures list (TOM), in German (formal) and English. They describe
 * what Obhut itself does; the live facts (retention periods, second-factor
 * rules, hosting, processors) are filled in by modules/dpo/processing-record.ts.
 * Not legal advice: the controller's DPO checks and completes the record.
 */

const L = (de: string, en: string): Localised => ({ de, en });

export interface ActivityTemplate {
  id: string;
  name: Localised;
  purposes: Localised;
  legalBasis: Localised;
  dataSubjects: Localised[];
  dataCategories: Localised[];
  recipients: Localised[];
  retentionClasses: RetentionClass[];
}

export const ACTIVITIES: ActivityTemplate[] = [
  {
    id: "online_counselling",
    name: L("Online-Beratung", "Online counselling"),
    purposes: L(
      "Beratung von Ratsuchenden über Ende-zu-Ende-verschlüsselte Nachrichten; Fallführung im zuständigen Team.",
      "Counselling clients through end-to-end encrypted messages; case management in the responsible team.",
    ),
    legalBasis: L(
      "Einwilligung (Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a DSGVO); bei öffentlichen Trägern die jeweilige Aufgabennorm (Art. 6 Abs. 1 lit. e DSGVO, z. B. §§ 61 ff. SGB VIII). Vom Verantwortlichen zu prüfen.",
      "Consent (Art. 6(1)(a), Art. 9(2)(a) GDPR); for public bodies the statutory task (Art. 6(1)(e) GDPR, e.g. §§ 61 ff. SGB VIII). To be checked by the controller.",
    ),
    dataSubjects: [
      L(
        "Ratsuchende (auch Minderjährige), anonym oder pseudonym",
        "Clients (including minors), anonymous or pseudonymous",
      ),
      L("Beratende Mitarbeitende", "Counselling staff"),
    ],
    dataCategories: [
      L(
        "Nutzername ohne Telefonnummer; eine E-Mail-Adresse nur, wenn die Person freiwillig Hinweise per E-Mail einschaltet (bestätigt, verschlüsselt gespeichert, jederzeit löschbar, für Mitarbeitende nicht sichtbar)",
        "User name without phone number; an e-mail address only if the person voluntarily turns on e-mail notices (confirmed, stored encrypted, deletable at any time, not visible to staff)",
      ),
      L(
        "Nachrichten, Notizen und Anhänge — Ende-zu-Ende-verschlüsselt, für den Server nicht lesbar; können besondere Kategorien (Art. 9 DSGVO) enthalten",
        "Messages, notes and attachments — end-to-end encrypted, unreadable to the server; may contain special categories (Art. 9 GDPR)",
      ),
      L(
        "Fallangaben: Stelle, Thema, Team, zuständige Person, Status, Zeitpunkte",
        "Case facts: agency, topic, team, assignee, state, times",
      ),
    ],
    recipients: [
      L(
        "Die zuständige beratende Person und ihr Team (Need-to-know; Zugriff Dritter nur mit Begründung, protokolliert)",
        "The assigned counsellor and their team (need-to-know; anyone else only with a stated reason, audited)",
      ),
      L(
        "Weitergabe nach außen nur über die Weitergabe-Prüfung mit Einwilligung oder Rechtsgrundlage",
        "Disclosure outside Obhut only through the forwarding gate with consent or a legal basis",
      ),
      L(
        "Der vom Betreiber eingesetzte E-Mail-Versand (SMTP) und das Postfach der Person, nur bei eingeschalteten Hinweisen: Adresse und ein Hinweis ohne Inhalt, ohne Stelle, Thema oder Pseudonym",
        "The operator's mail relay (SMTP) and the person's mailbox, only with notices turned on: the address and a notice without content, agency, topic or pseudonym",
      ),
    ],
    retentionClasses: ["closed_cases", "messages", "attachments", "notes", "inactive_client_accounts"],
  },
  {
    id: "staff_accounts",
    name: L("Konten und Zugriffssteuerung der Mitarbeitenden", "Staff accounts and access control"),
    purposes: L(
      "Anmeldung, Rollen und Teams, zweiter Faktor, Sitzungen; Voraussetzung für vertrauliche Beratung.",
      "Login, roles and teams, second factor, sessions; prerequisite for confidential counselling.",
    ),
    legalBasis: L(
      "Beschäftigungsverhältnis (Art. 6 Abs. 1 lit. b und c, Art. 88 DSGVO i. V. m. § 26 BDSG); Sicherheit der Verarbeitung (Art. 32 DSGVO).",
      "Employment (Art. 6(1)(b) and (c), Art. 88 GDPR with § 26 BDSG); security of processing (Art. 32 GDPR).",
    ),
    dataSubjects: [L("Mitarbeitende des Trägers", "Staff of the organisation")],
    dataCategories: [
      L("Nutzername, Anzeigename, Rolle, Teamzugehörigkeit", "User name, display name, role, team membership"),
      L(
        "Zweiter Faktor (TOTP-Geheimnis verschlüsselt, öffentlicher Passkey-Schlüssel), Sitzungszeiten — keine IP-Adressen",
        "Second factor (sealed TOTP secret, passkey public key), session times — no IP addresses",
      ),
    ],
    recipients: [L("Administration des Trägers", "The organisation's administrators")],
    retentionClasses: ["staff_accounts"],
  },
  {
    id: "audit_log",
    name: L("Manipulationssicheres Protokoll", "Tamper-evident audit log"),
    purposes: L(
      "Nachweis der Einhaltung (Rechenschaftspflicht, Art. 5 Abs. 2 DSGVO) und Aufklärung von Sicherheitsvorfällen.",
      "Demonstrating compliance (accountability, Art. 5(2) GDPR) and investigating security incidents.",
    ),
    legalBasis: L(
      "Rechtliche Verpflichtung und Sicherheit der Verarbeitung (Art. 6 Abs. 1 lit. c, Art. 32 DSGVO).",
      "Legal obligation and security of processing (Art. 6(1)(c), Art. 32 GDPR).",
    ),
    dataSubjects: [
      L("Mitarbeitende", "Staff"),
      L("Ratsuchende (nur pseudonyme Kennungen)", "Clients (pseudonymous ids only)"),
    ],
    dataCategories: [
      L(
        "Wer (Kennung), was (Aktion), welches Objekt (Kennung), wann — keine Inhalte, keine IP-Adressen",
        "Who (id), what (action), which object (id), when — no content, no IP addresses",
      ),
    ],
    recipients: [
      L(
        "Datenschutzbeauftragte Person; Administration nur lesend",
        "Data-protection officer; administrators read-only",
      ),
    ],
    retentionClasses: ["audit_entries"],
  },
  {
    id: "consents_documents",
    name: L("Einwilligungen und Datenschutzdokumente", "Consents and data-protection documents"),
    purposes: L(
      "Nachweis von Einwilligungen und Widerrufen (Art. 7 Abs. 1 DSGVO), Datenschutzhinweise (Art. 13 DSGVO), Bestätigung des Kommunikationsleitfadens.",
      "Proof of consents and withdrawals (Art. 7(1) GDPR), privacy notices (Art. 13 GDPR), confirmation of the communication guideline.",
    ),
    legalBasis: L("Rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c DSGVO).", "Legal obligation (Art. 6(1)(c) GDPR)."),
    dataSubjects: [L("Ratsuchende und Sorgeberechtigte", "Clients and guardians"), L("Mitarbeitende", "Staff")],
    dataCategories: [
      L(
        "Zweck, Empfänger, Kanäle, Hash des gezeigten Textes, Sprache, Methode, Zeitpunkt, Widerruf",
        "Purpose, recipients, channels, hash of the text shown, language, method, time, withdrawal",
      ),
    ],
    recipients: [
      L("Zuständige Mitarbeitende, Datenschutzbeauftragte Person", "Responsible staff, data-protection officer"),
    ],
    retentionClasses: ["consents"],
  },
];

export const THIRD_COUNTRY = {
  none: L(
    "Keine Übermittlung in Drittländer durch Obhut; Standort siehe Hosting.",
    "No transfer to third countries by Obhut; see hosting location.",
  ),
};

/** Suite 0x01 of docs/CRYPTO.md §1 and the transport profile of docs/OPERATIONS.md. */
export const CRYPTO_FACTS: { purpose: Localised; suite: string }[] = [
  { purpose: L("Verschlüsselung von Inhalten (AEAD)", "Content encryption (AEAD)"), suite: "AES-256-GCM (WebCrypto)" },
  {
    purpose: L("Schlüsselverteilung", "Key distribution"),
    suite: "HPKE RFC 9180, DHKEM(X25519, HKDF-SHA256), AES-256-GCM",
  },
  { purpose: L("Signaturen", "Signatures"), suite: "Ed25519 (RFC 8032)" },
  { purpose: L("Hash und Schlüsselableitung", "Hash and key derivation"), suite: "SHA-256, HKDF-SHA256 (RFC 5869)" },
  {
    purpose: L("Passwort-Anmeldung ohne Passwort auf dem Server", "Password login without the password on the server"),
    suite: "OPAQUE RFC 9807 (ristretto255, Argon2id m=64 MiB, t=3, p=4)",
  },
  {
    purpose: L("Transportverschlüsselung", "Transport encryption"),
    suite: "TLS 1.2+ am Reverse-Proxy / at the reverse proxy (BSI TR-02102-2)",
  },
  {
    purpose: L("Protokoll-Integrität", "Audit log integrity"),
    suite: "SHA-256 hash chain, Ed25519-signed anchors",
  },
];

export type MeasureGoal =
  "confidentiality" | "integrity" | "availability" | "unlinkability" | "transparency" | "intervenability";

export interface MeasureTemplate {
  id: string;
  goal: MeasureGoal;
  title: Localised;
  description: Localised;
  evidence: string;
}

/** What Obhut enforces (not what an organisation promises): each with where it is enforced. */
export const MEASURES: MeasureTemplate[] = [
  {
    id: "e2ee",
    goal: "confidentiality",
    title: L("Ende-zu-Ende-Verschlüsselung", "End-to-end encryption"),
    description: L(
      "Nachrichten, Notizen und Anhänge werden im Browser verschlüsselt; der Server und die Administration sehen nur Chiffrat.",
      "Messages, notes and attachments are encrypted in the browser; the server and administrators see ciphertext only.",
    ),
    evidence: "packages/crypto; docs/CRYPTO.md",
  },
  {
    id: "opaque",
    goal: "confidentiality",
    title: L("Passwort-Anmeldung mit OPAQUE", "Password login with OPAQUE"),
    description: L(
      "Das Passwort verlässt den Browser nie; der Server speichert keinen Passwort-Hash, der offline geprüft werden könnte.",
      "The password never leaves the browser; the server stores no password hash that could be checked offline.",
    ),
    evidence: "infra/config/opaque.ts, modules/identity/auth.ts; docs/CRYPTO.md §4",
  },
  {
    id: "second_factor",
    goal: "confidentiality",
    title: L("Zweiter Faktor für Mitarbeitende", "Second factor for staff"),
    description: L(
      "TOTP oder Passkey; je Rolle vorschreibbar, für Mitarbeitende standardmäßig Pflicht.",
      "TOTP or passkey; can be required per role, mandatory for staff by default.",
    ),
    evidence: "modules/identity/mfa.ts; organisation policy",
  },
  {
    id: "need_to_know",
    goal: "confidentiality",
    title: L("Need-to-know und Notfallzugriff", "Need-to-know and break glass"),
    description: L(
      "Fälle sind nur für das zuständige Team sichtbar; den Fall einer Kollegin oder eines Kollegen öffnet man nur mit Begründung, befristet auf eine Stunde, protokolliert und für die Teamleitung sichtbar.",
      "Cases are visible to their team only; a colleague's case opens only with a stated reason, for one hour, audited and shown to the team lead.",
    ),
    evidence:
      "policies/permissions.ts; modules/dpo/break-glass.ts, policies/gates/break-glass-grants.ts; docs/adr/0018",
  },
  {
    id: "audit_chain",
    goal: "transparency",
    title: L("Manipulationssicheres Protokoll", "Tamper-evident audit log"),
    description: L(
      "Hash-verkettete Einträge ohne Inhalte und IP-Adressen, regelmäßig signierte Verankerung; `obhut audit verify` erkennt Änderungen, Lücken und Kürzungen.",
      "Hash-chained entries without content or IP addresses, periodically signed anchors; `obhut audit verify` detects changes, gaps and truncation.",
    ),
    evidence: "core/audit.ts; modules/dpo/audit-verify.ts; docs/adr/0010",
  },
  {
    id: "retention",
    goal: "unlinkability",
    title: L("Löschkonzept (DIN 66398)", "Deletion concept (DIN 66398)"),
    description: L(
      "Je Datenklasse Startereignis und Frist; ein täglicher Lauf löscht Zeilen, Dateien und Schlüssel (Crypto-Shredding); Löschsperren mit Begründung.",
      "Per data class a start event and a period; a daily run deletes rows, files and keys (crypto-shredding); legal holds with a reason.",
    ),
    evidence: "modules/retention/run.ts; docs/adr/0013",
  },
  {
    id: "backups",
    goal: "availability",
    title: L("Sicherung und Wiederherstellung", "Backup and restore"),
    description: L(
      "`obhut backup` erstellt eine konsistente Sicherung im laufenden Betrieb, `obhut restore` prüft sie vor der Wiederherstellung; Inhalte bleiben Ende-zu-Ende-verschlüsselt.",
      "`obhut backup` makes a consistent copy while running, `obhut restore` checks it before restoring; contents stay end-to-end encrypted.",
    ),
    evidence: "docs/OPERATIONS.md#backups",
  },
  {
    id: "sessions",
    goal: "confidentiality",
    title: L("Sitzungsgrenzen und Ratenbegrenzung", "Session limits and rate limiting"),
    description: L(
      "Leerlauf- und Höchstdauer je Rolle; jede Anmelde-Schnittstelle ist ratenbegrenzt.",
      "Idle and absolute limits per role; every authentication endpoint is rate-limited.",
    ),
    evidence: "policies/organisation-policy.ts; app/http/app.ts (rate limits)",
  },
  {
    id: "privacy_defaults",
    goal: "unlinkability",
    title: L("Datensparsame Voreinstellungen", "Privacy by default"),
    description: L(
      "Keine Telefonnummer und keine E-Mail-Adresse für Ratsuchende, außer freiwillig für Hinweise (Double-Opt-in, verschlüsselt gespeichert); keine IP-Adressen in Protokollen, Benachrichtigungen ohne Inhalt, keine Anfragen an Dritte aus der Web-App.",
      "No phone number and no e-mail address for clients except voluntarily for notices (double opt-in, stored encrypted); no IP addresses in logs, notifications without content, no third-party requests from the web app.",
    ),
    evidence: "docs/THREAT_MODEL.md; CSP headers",
  },
  {
    id: "forwarding_gate",
    goal: "intervenability",
    title: L("Weitergabe-Prüfung und Einwilligungen", "Forwarding gate and consents"),
    description: L(
      "Was Obhut verlässt, braucht eine passende Einwilligung oder eine Rechtsgrundlage mit Begründung; jede Entscheidung wird protokolliert.",
      "Whatever leaves Obhut needs a matching consent or a legal basis with a reason; every decision is audited.",
    ),
    evidence: "modules/compliance/forwarding.ts, modules/compliance/consents.ts; docs/adr/0012",
  },
  {
    id: "portability",
    goal: "intervenability",
    title: L("Export und Umzug", "Export and portability"),
    description: L(
      "Ein dokumentiertes offenes Format für den Umzug einer Organisation; Ratsuchende laden ihre Daten selbst herunter.",
      "A documented open format to move an organisation; clients download their own data.",
    ),
    evidence: "docs/EXPORT_FORMAT.md; docs/adr/0015",
  },
];
