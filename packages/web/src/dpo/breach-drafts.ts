// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BreachView } from "@obhut/protocol";
import type { TFunction } from "i18next";
import { formatDateTime } from "../staff/format";
import type { CaseFile } from "../staff/export-pdf";

/** A draft as label/value parts: shown on the page, written as text or PDF. */
export interface Draft {
  title: string;
  parts: [string, string][];
}

/**
 * The notification to the supervisory authority with the contents of
 * Art. 33(3) GDPR (nature, categories and numbers, DPO contact, likely
 * consequences, measures), generated from the record; with the reasons for
 * a delay past 72 hours (Art. 33(1)). A draft: the DPO reviews it and sends
 * it through the authority's own channel.
 */
export function authorityDraft(b: BreachView, dpoContact: string, t: TFunction, language: string): Draft {
  const or = (text: string) => (text.trim() === "" ? t("breaches.draft.notStated") : text);
  const parts: [string, string][] = [
    [t("breaches.draft.nature"), b.description],
    [t("breaches.draft.awareAt"), formatDateTime(language, b.awareAt)],
    [t("breaches.draft.categories"), b.dataCategories],
    [t("breaches.draft.persons"), b.personsAffected === null ? t("breaches.draft.unknown") : String(b.personsAffected)],
    [t("breaches.draft.dpoContact"), dpoContact.trim() === "" ? t("breaches.draft.dpoMissing") : dpoContact],
    [t("breaches.draft.consequences"), or(b.consequences)],
    [t("breaches.draft.measures"), or(b.measures)],
  ];
  if (b.delayReason) parts.push([t("breaches.draft.delay"), b.delayReason]);
  return { title: t("breaches.draft.authorityTitle"), parts };
}

/** The letter to the persons affected (Art. 34(2): in clear and plain language, the Art. 33(3) b–d contents). */
export function personsDraft(b: BreachView, dpoContact: string, t: TFunction): Draft {
  const or = (text: string) => (text.trim() === "" ? t("breaches.draft.notStated") : text);
  return {
    title: t("breaches.draft.personsTitle"),
    parts: [
      ["", `${t("breaches.draft.salutation")}\n${t("breaches.draft.personsIntro")}`],
      [t("breaches.draft.nature"), b.description],
      [t("breaches.draft.consequences"), or(b.consequences)],
      [t("breaches.draft.measures"), or(b.measures)],
      [t("breaches.draft.contactLine"), dpoContact.trim() === "" ? t("breaches.draft.dpoMissing") : dpoContact],
    ],
  };
}

export function draftText(d: Draft): string {
  return [d.title, "", ...d.parts.map(([label, value]) => (label ? `${label}:\n${value}\n` : `${value}\n`))].join("\n");
}

/** The draft as the layout of the case-file PDF writer (correct Unicode in every script, ADR 0043). */
export function draftToCaseFile(d: Draft, t: TFunction, language: string): CaseFile {
  return {
    title: d.title,
    lang: language,
    facts: [],
    sections: [
      {
        title: d.title,
        empty: "—",
        entries: d.parts.map(([label, value]) => ({ at: label, author: "", text: value, attachments: [] })),
      },
    ],
    attachmentLabel: "",
    pageLabel: (page, pages) => t("breaches.draft.page", { page, pages }),
  };
}
