// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import type { TFunction } from "i18next";
import type { DisplayMessage } from "../messaging";
import type { CaseFile, ExportEntry } from "../staff/export-pdf";
import { formatDateTime } from "../staff/format";

/** The chosen messages and notes of a case as the layout the case-file PDF writer draws. */
export function caseToCaseFile({
  c,
  messages,
  notes,
  nameOf,
  exportedBy,
  now,
  t,
  language,
}: {
  c: CaseView;
  messages: DisplayMessage[];
  notes: DisplayMessage[];
  nameOf: (m: DisplayMessage) => string;
  exportedBy: string;
  now: number;
  t: TFunction;
  language: string;
}): CaseFile {
  const entry = (m: DisplayMessage): ExportEntry => ({
    at: formatDateTime(language, m.createdAt),
    author: nameOf(m),
    text: m.body?.text ?? "",
    attachments: m.body?.attachments.map((a) => a.name) ?? [],
  });
  return {
    title: `${t("caseExport.fileTitle")}: ${c.clientName}`,
    lang: language,
    facts: [
      [t("caseExport.fact.case"), c.id],
      [t("caseExport.fact.client"), c.clientName],
      [t("caseExport.fact.agency"), c.agencyName],
      [t("caseExport.fact.team"), c.teamName],
      [t("caseExport.fact.state"), t(`caseState.${c.state}`)],
      [t("caseExport.fact.exportedBy"), exportedBy],
      [t("caseExport.fact.exportedAt"), formatDateTime(language, now)],
    ],
    sections: [
      { title: t("caseExport.messages"), empty: t("caseExport.empty"), entries: messages.map(entry) },
      { title: t("caseExport.notes"), empty: t("caseExport.empty"), entries: notes.map(entry) },
    ],
    attachmentLabel: t("caseExport.attachment"),
    pageLabel: (page, pages) => t("caseExport.page", { page, pages }),
  };
}
