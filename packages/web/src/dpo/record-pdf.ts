// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Localised, ProcessingRecordView } from "@obhut/protocol";
import type { TFunction } from "i18next";
import type { CaseFile } from "../staff/export-pdf";
import { processorLine } from "./record-processors";

/** The record as the layout the case-file PDF writer draws (title, facts, sections of entries). */
export function recordToCaseFile(
  record: ProcessingRecordView,
  lang: keyof Localised,
  t: TFunction,
  language: string,
): CaseFile {
  const list = (items: Localised[]) => items.map((i) => `• ${i[lang]}`).join("\n");
  return {
    title: t("dpoRecord.title"),
    lang: language,
    facts: [
      [t("dpoRecord.organisation"), record.organisation.name],
      [t("dpoRecord.controllerContact"), record.controllerContact || "—"],
      [t("dpoRecord.dpoContact"), record.dpoContact || "—"],
      [t("dpoRecord.generatedAt"), new Date(record.generatedAt).toLocaleString(language)],
      [t("dpoRecord.hosting"), record.hostingLocation ?? t("dpoRecord.notStated")],
    ],
    sections: [
      {
        title: t("dpoRecord.activities"),
        empty: "—",
        entries: record.activities.map((a) => ({
          at: a.name[lang],
          author: a.id,
          text: [
            `${t("dpoRecord.purposes")}: ${a.purposes[lang]}`,
            `${t("dpoRecord.legalBasis")}: ${a.legalBasis[lang]}`,
            `${t("dpoRecord.subjects")}:\n${list(a.dataSubjects)}`,
            `${t("dpoRecord.categories")}:\n${list(a.dataCategories)}`,
            `${t("dpoRecord.recipients")}:\n${list(a.recipients)}`,
            `${t("dpoRecord.retention")}: ${a.retentionClasses.join(", ")}`,
            `${t("dpoRecord.transfers")}: ${a.thirdCountryTransfers[lang]}`,
          ].join("\n"),
          attachments: [],
        })),
      },
      {
        title: t("dpoRecord.retention"),
        empty: "—",
        entries: record.retention.map((r) => ({
          at: r.dataClass,
          author: r.enforced ? "" : t("dpoRecord.notEnforced"),
          text: t("dpoRecord.retentionLine", { period: r.periodDays, start: r.startEvent }),
          attachments: [],
        })),
      },
      {
        title: t("dpoRecord.processors"),
        empty: t("dpoRecord.noProcessors"),
        entries: record.processors.map((p) => ({
          at: p.name,
          author: p.country ? `${p.location}, ${p.country}` : p.location,
          text: processorLine(p, t),
          attachments: [],
        })),
      },
      {
        title: t("dpoRecord.crypto"),
        empty: "—",
        entries: record.crypto.map((c) => ({ at: c.purpose[lang], author: "", text: c.suite, attachments: [] })),
      },
      {
        title: t("dpoRecord.measures"),
        empty: "—",
        entries: record.measures.map((m) => ({
          at: m.title[lang],
          author: m.goal,
          text: `${m.description[lang]}\n${t("dpoRecord.status")}: ${m.status[lang]}\n${t("dpoRecord.evidence")}: ${m.evidence}`,
          attachments: [],
        })),
      },
    ],
    attachmentLabel: "",
    pageLabel: (page, pages) => t("dpoRecord.page", { page, pages }),
  };
}
