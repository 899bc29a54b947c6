// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MyDataView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import type { DisplayMessage } from "../messaging/conversation";
import { assembleExport, exportFileName, exportToCaseFile, type PdfLabels } from "./export-data";

const T = Date.UTC(2026, 10, 22, 10, 0);

function data(): MyDataView {
  const caseView = {
    id: "case-0000001",
    conversationId: "conv-0000001",
    notesConversationId: null,
    organisationId: "org-00000001",
    agencyId: "agency-000001",
    agencyName: "Beratungsstelle Mitte",
    topicId: "topic-000001",
    addressForm: "informal" as const,
    teamId: "team-0000001",
    teamName: "Team Familie",
    state: "active" as const,
    clientId: "client-000001",
    clientName: "mondlicht",
    assigneeId: "staff-000001",
    assigneeName: "Anna Beispiel",
    assigneeAbsence: null,
    preferredCounsellorId: null,
    createdAt: T,
    waitingSince: null,
    closedAt: null,
    lastSeq: 3,
    unread: 0,
  };
  return {
    generatedAt: T + 60_000,
    account: {
      id: "client-000001",
      username: "mondlicht",
      kind: "client",
      displayName: null,
      createdAt: T,
      lastLoginAt: T,
    },
    sessions: [{ createdAt: T, lastSeenAt: T, expiresAt: T + 3600_000, revokedAt: null }],
    cases: [
      {
        case: caseView,
        events: [
          {
            id: "event-000001",
            type: "greeting",
            createdAt: T,
            actorId: null,
            actorName: null,
            assigneeId: null,
            assigneeName: null,
            teamId: "team-0000001",
            text: "Willkommen!",
          },
        ],
        messageCount: 3,
        attachments: [{ id: "att-00000001", uploaderIsMe: true, size: 4096, createdAt: T, completed: true }],
        legalHold: false,
        restricted: true,
      },
      {
        case: { ...caseView, id: "case-0000002", conversationId: "conv-0000002" },
        events: [],
        messageCount: 1,
        attachments: [],
        legalHold: false,
        restricted: false,
      },
    ],
    acceptances: [],
    consents: [],
    channelPreferences: { inApp: true, emailNotice: false, push: false, phone: false, updatedAt: null },
    restrictions: [{ organisationId: "org-00000001", caseId: "case-0000001", since: T }],
  };
}

function message(seq: number, own: boolean, text: string, extra: Partial<DisplayMessage> = {}): DisplayMessage {
  return {
    seq,
    id: `msg-${seq}-000000`,
    senderId: own ? "client-000001" : "staff-000001",
    createdAt: T + seq * 1000,
    own,
    body: { v: 1, text, attachments: [] },
    problem: null,
    edited: false,
    deleted: false,
    ...extra,
  };
}

describe("data export assembly", () => {
  it("puts the decrypted conversation in order, redacts staff ids and attachment keys, keeps the server facts", () => {
    const key = "k".repeat(43);
    const history = [
      message(2, false, "Hallo, hier ist die Beratungsstelle."),
      message(1, true, "Ich brauche Hilfe mit meiner Wohnung.", {
        body: {
          v: 1,
          text: "Ich brauche Hilfe mit meiner Wohnung.",
          attachments: [
            { id: "att-00000001", name: "Mietvertrag.pdf", type: "application/pdf", size: 1234, key, sha256: key },
          ],
        },
      }),
      message(3, true, "", { body: null, problem: "unreadable" }),
    ];
    const exp = assembleExport(
      data(),
      new Map([
        ["case-0000001", history],
        ["case-0000002", null],
      ]),
    );
    expect(exp.format).toBe("obhut-data-export");
    expect(exp.account).toMatchObject({ id: "client-000001", name: "mondlicht" });
    const [one, two] = exp.cases;
    expect(one!.messages.map((m) => [m.seq, m.from, m.text])).toEqual([
      [1, "me", "Ich brauche Hilfe mit meiner Wohnung."],
      [2, "counselling_service", "Hallo, hier ist die Beratungsstelle."],
      [3, "me", null],
    ]);
    expect(one!.messages[0]!.attachments).toEqual([
      { id: "att-00000001", name: "Mietvertrag.pdf", type: "application/pdf", size: 1234 },
    ]);
    expect(one!.messages[2]!.unreadable).toBe(true);
    expect(one!).toMatchObject({ restricted: true, storedMessages: 3, conversationReadable: true });
    expect(one!.events).toEqual([
      { type: "greeting", at: new Date(T).toISOString(), by: null, assignee: null, text: "Willkommen!" },
    ]);
    expect(two!).toMatchObject({ conversationReadable: false, messages: [] });
    const json = JSON.stringify(exp);
    expect(json).not.toContain("staff-000001");
    expect(json).not.toContain(key);
    expect(exp.restrictions).toEqual([
      { organisationId: "org-00000001", caseId: "case-0000001", since: new Date(T).toISOString() },
    ]);
  });

  it("the readable form has one section per conversation and timeline, plus consents and voluntary details", () => {
    const exp = assembleExport(data(), new Map([["case-0000001", [message(1, true, "Hallo")]]]), [
      {
        organisationId: "org-00000001",
        organisationName: "Träger Mitte",
        questions: { ageBand: true, gender: true },
        answer: { ageBand: "18_26", gender: null },
      },
    ]);
    // The voluntary statistics details (ADR 0050) are in the file; null is "keine Angabe".
    expect(exp.voluntaryDetails).toEqual([
      { organisationId: "org-00000001", organisation: "Träger Mitte", ageBand: "18_26", gender: null },
    ]);
    const labels: PdfLabels = {
      title: "Meine Daten",
      lang: "de",
      facts: {
        account: "Konto",
        created: "Erstellt",
        generated: "Erstellt am",
        cases: "Anfragen",
        consents: "Einwilligungen",
      },
      caseTitle: (c) => `Gespräch mit ${c.agency}`,
      me: "Ich",
      service: "Beratungsstelle",
      deleted: "(gelöscht)",
      unreadable: "(nicht lesbar)",
      notReadable: "Dieses Gespräch konnte nicht entschlüsselt werden.",
      empty: "Keine Einträge.",
      eventsTitle: (c) => `Verlauf ${c.id}`,
      event: (e) => e.type,
      consentsTitle: "Einwilligungen",
      consent: (c) => c.purpose,
      detailsTitle: "Freiwillige Angaben",
      detail: (d) => `${d.ageBand ?? "keine Angabe"} / ${d.gender ?? "keine Angabe"}`,
      attachmentLabel: "Anhang",
      pageLabel: (p, n) => `Seite ${p} von ${n}`,
      date: (s) => s.slice(0, 10),
    };
    const file = exportToCaseFile(exp, labels);
    expect(file.sections.map((s) => s.title)).toEqual([
      "Gespräch mit Beratungsstelle Mitte",
      "Verlauf case-0000001",
      "Gespräch mit Beratungsstelle Mitte",
      "Verlauf case-0000002",
      "Einwilligungen",
      "Freiwillige Angaben",
    ]);
    expect(file.sections[5]!.entries).toEqual([
      { at: "", author: "Träger Mitte", text: "18_26 / keine Angabe", attachments: [] },
    ]);
    expect(file.sections[0]!.entries).toEqual([{ at: "2026-11-22", author: "Ich", text: "Hallo", attachments: [] }]);
    expect(file.sections[2]!.empty).toBe("Dieses Gespräch konnte nicht entschlüsselt werden.");
    expect(file.facts[0]).toEqual(["Konto", "mondlicht"]);
    expect(file.lang).toBe("de");
  });

  it("file names carry the pseudonym and the day, nothing else", () => {
    expect(exportFileName("mond.licht", "2026-11-22T10:01:00.000Z", "json")).toBe(
      "obhut-data-mond.licht-2026-11-22.json",
    );
    expect(exportFileName("a/b", "2026-11-22T10:01:00.000Z", "pdf")).toBe("obhut-data-a_b-2026-11-22.pdf");
  });
});
