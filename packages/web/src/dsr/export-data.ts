// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MyClientDetails, MyDataView } from "@obhut/protocol";
import type { CaseFile, ExportEntry } from "../staff/export-pdf";
import type { DisplayMessage } from "../messaging/conversation";

/**
 * The client's data export (issue 7.5, Art. 15 and 20 GDPR), assembled in
 * the browser from what the server holds (`GET /api/account/data`) and the
 * conversations decrypted here. Pure functions: collect.ts fetches and
 * decrypts, my-data-page.tsx downloads. The JSON is the machine-readable
 * copy; the PDF shows the same in readable form.
 *
 * Redacted on purpose: staff account ids of message senders (a message is
 * "from me" or "from the counselling service"), and attachment file keys
 * (the file on the device must not unlock the stored ciphertext for anyone
 * who finds it). Internal notes are the team's and never reach the client.
 */
export const EXPORT_FORMAT = "obhut-data-export";
export const EXPORT_VERSION = 1;

export interface ExportMessage {
  seq: number;
  sentAt: string;
  from: "me" | "counselling_service";
  text: string | null;
  attachments: { id: string; name: string; type: string; size: number }[];
  edited: boolean;
  deleted: boolean;
  /** The message could not be decrypted or verified on this device. */
  unreadable: boolean;
}

/** A conversation as collect.ts read it: every page, decrypted; null when it could not be opened. */
export type DecryptedHistory = readonly DisplayMessage[] | null;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toExportMessage(m: DisplayMessage): ExportMessage {
  return {
    seq: m.seq,
    sentAt: new Date(m.createdAt).toISOString(),
    from: m.own ? "me" : "counselling_service",
    text: m.deleted ? null : (m.body?.text ?? null),
    attachments: m.deleted
      ? []
      : (m.body?.attachments ?? []).map((a) => ({ id: a.id, name: a.name, type: a.type, size: a.size })),
    edited: m.edited,
    deleted: m.deleted,
    unreadable: m.body === null && !m.deleted,
  };
}

export function assembleExport(
  data: MyDataView,
  histories: ReadonlyMap<string, DecryptedHistory>,
  details: MyClientDetails["organisations"] = [],
) {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: new Date(data.generatedAt).toISOString(),
    account: {
      id: data.account.id,
      name: data.account.username,
      displayName: data.account.displayName,
      createdAt: iso(data.account.createdAt),
      lastLoginAt: iso(data.account.lastLoginAt),
    },
    sessions: data.sessions.map((s) => ({
      startedAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      endedAt: iso(s.revokedAt),
    })),
    cases: data.cases.map((c) => {
      const history = histories.get(c.case.id) ?? null;
      return {
        id: c.case.id,
        organisationId: c.case.organisationId,
        agency: c.case.agencyName,
        team: c.case.teamName,
        addressForm: c.case.addressForm,
        state: c.case.state,
        openedAt: iso(c.case.createdAt),
        legalHold: c.legalHold,
        restricted: c.restricted,
        storedMessages: c.messageCount,
        conversationReadable: history !== null,
        messages: history === null ? [] : [...history].sort((a, b) => a.seq - b.seq).map(toExportMessage),
        events: c.events.map((e) => ({
          type: e.type,
          at: iso(e.createdAt),
          by: e.actorName,
          assignee: e.assigneeName,
          text: e.text,
        })),
        storedAttachments: c.attachments.map((a) => ({
          id: a.id,
          uploadedByMe: a.uploaderIsMe,
          encryptedSize: a.size,
          uploadedAt: iso(a.createdAt),
          complete: a.completed,
        })),
      };
    }),
    consents: data.consents.map((c) => ({
      id: c.id,
      organisationId: c.organisationId,
      subject: c.subject,
      purpose: c.purpose,
      recipients: c.recipients,
      channels: c.channels,
      givenBy: c.givenBy,
      method: c.method,
      language: c.language,
      textSha256: c.textSha256,
      givenAt: iso(c.givenAt),
      expiresAt: iso(c.expiresAt),
      withdrawnAt: iso(c.withdrawal?.withdrawnAt ?? null),
      active: c.active,
    })),
    acceptedDocuments: data.acceptances.map((a) => ({
      organisationId: a.organisationId,
      kind: a.kind,
      language: a.language,
      version: a.version,
      sha256: a.sha256,
      acceptedAt: iso(a.acceptedAt),
    })),
    contactChannels: {
      inApp: data.channelPreferences.inApp,
      emailNotice: data.channelPreferences.emailNotice,
      push: data.channelPreferences.push,
      phone: data.channelPreferences.phone,
    },
    restrictions: data.restrictions.map((r) => ({
      organisationId: r.organisationId,
      caseId: r.caseId,
      since: iso(r.since),
    })),
    // Voluntary details for the statistics (ADR 0050); null is "keine Angabe".
    voluntaryDetails: details.map((d) => ({
      organisationId: d.organisationId,
      organisation: d.organisationName,
      ageBand: d.answer.ageBand,
      gender: d.answer.gender,
    })),
  };
}

export type DataExport = ReturnType<typeof assembleExport>;

export interface PdfLabels {
  title: string;
  /** The app's language (BCP 47), the PDF's /Lang. */
  lang: string;
  facts: { account: string; created: string; generated: string; cases: string; consents: string };
  caseTitle: (c: DataExport["cases"][number]) => string;
  me: string;
  service: string;
  deleted: string;
  unreadable: string;
  notReadable: string;
  empty: string;
  eventsTitle: (c: DataExport["cases"][number]) => string;
  event: (e: DataExport["cases"][number]["events"][number]) => string;
  consentsTitle: string;
  consent: (c: DataExport["consents"][number]) => string;
  detailsTitle: string;
  detail: (d: DataExport["voluntaryDetails"][number]) => string;
  attachmentLabel: string;
  pageLabel: (page: number, pages: number) => string;
  date: (isoString: string) => string;
}

/** The readable (PDF) form of the export, in the shape the case-file renderer draws. */
export function exportToCaseFile(exp: DataExport, l: PdfLabels): CaseFile {
  const sections: CaseFile["sections"] = [];
  for (const c of exp.cases) {
    const entries: ExportEntry[] = c.messages.map((m) => ({
      at: l.date(m.sentAt),
      author: m.from === "me" ? l.me : l.service,
      text: m.deleted ? l.deleted : m.unreadable ? l.unreadable : (m.text ?? ""),
      attachments: m.attachments.map((a) => a.name),
    }));
    sections.push({ title: l.caseTitle(c), empty: c.conversationReadable ? l.empty : l.notReadable, entries });
    sections.push({
      title: l.eventsTitle(c),
      empty: l.empty,
      entries: c.events.map((e) => ({
        at: e.at ? l.date(e.at) : "",
        author: l.event(e),
        text: e.text ?? "",
        attachments: [],
      })),
    });
  }
  sections.push({
    title: l.consentsTitle,
    empty: l.empty,
    entries: exp.consents.map((c) => ({
      at: c.givenAt ? l.date(c.givenAt) : "",
      author: l.consent(c),
      text: "",
      attachments: [],
    })),
  });
  sections.push({
    title: l.detailsTitle,
    empty: l.empty,
    entries: exp.voluntaryDetails.map((d) => ({ at: "", author: d.organisation, text: l.detail(d), attachments: [] })),
  });
  return {
    title: l.title,
    lang: l.lang,
    facts: [
      [l.facts.account, exp.account.name],
      [l.facts.created, exp.account.createdAt ? l.date(exp.account.createdAt) : ""],
      [l.facts.generated, l.date(exp.generatedAt)],
      [l.facts.cases, String(exp.cases.length)],
      [l.facts.consents, String(exp.consents.length)],
    ],
    sections,
    attachmentLabel: l.attachmentLabel,
    pageLabel: l.pageLabel,
  };
}

/** e.g. obhut-data-mondlicht-2026-11-22.json — the account name is the client's own pseudonym. */
export function exportFileName(name: string, generatedAt: string, extension: "json" | "pdf"): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_");
  return `obhut-data-${safe}-${generatedAt.slice(0, 10)}.${extension}`;
}
