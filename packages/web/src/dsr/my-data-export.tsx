// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useAction } from "../api/use-action";
import { Section } from "../components/page";
import type { useTFor } from "../counselling/use-t-for";
import type { MessagingSession } from "../messaging/session";
import type { DataExport } from "./export-data";

type TFn = ReturnType<typeof useTFor>["t"];

function download(bytes: BlobPart, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The download of everything, decrypted here, as JSON or as a readable PDF;
 * the collecting, pdf-lib and export code load only when a button is
 * pressed. The status line also says when the page's own data did not load.
 */
export function ExportSection({
  messaging,
  cases,
  loadError,
  t,
  language,
}: {
  messaging: MessagingSession;
  cases: number;
  loadError: string | null;
  t: TFn;
  language: string;
}) {
  const [progress, setProgress] = useState({ done: 0, cases: 0 });
  const exporting = useAction(async (kind: "json" | "pdf") => {
    setProgress({ done: 0, cases });
    const [{ collectExport }, { exportFileName, exportToCaseFile }] = await Promise.all([
      import("./collect"),
      import("./export-data"),
    ]);
    const exp: DataExport = await collectExport(messaging, (p) => setProgress({ done: p.casesDone, cases: p.cases }));
    const name = exportFileName(exp.account.name, exp.generatedAt, kind);
    if (kind === "json") {
      download(JSON.stringify(exp, null, 2), "application/json", name);
    } else {
      const { renderCaseFilePdf } = await import("../staff/export-pdf");
      const when = (iso: string) =>
        new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
      const pdf = await renderCaseFilePdf(
        exportToCaseFile(exp, {
          title: t("myData.pdf.title"),
          lang: language,
          facts: {
            account: t("myData.pdf.account"),
            created: t("myData.pdf.created"),
            generated: t("myData.pdf.generated"),
            cases: t("myData.pdf.cases"),
            consents: t("myData.pdf.consents"),
          },
          caseTitle: (c) => t("myData.pdf.caseTitle", { agency: c.agency, team: c.team }),
          eventsTitle: (c) => t("myData.pdf.eventsTitle", { agency: c.agency }),
          me: t("myData.pdf.me"),
          service: t("myData.pdf.service"),
          deleted: t("myData.pdf.deleted"),
          unreadable: t("myData.pdf.unreadable"),
          notReadable: t("myData.pdf.notReadable"),
          empty: t("myData.pdf.empty"),
          event: (e) => t(`myData.pdf.event.${e.type}`, { name: e.assignee ?? e.by ?? "" }),
          consentsTitle: t("myData.pdf.consentsTitle"),
          consent: (c) =>
            t("myData.pdf.consent", {
              purpose: c.purpose,
              recipients: c.recipients.join(", "),
              state: c.active ? t("myData.pdf.active") : t("myData.pdf.inactive"),
            }),
          detailsTitle: t("clientDetails.title"),
          detail: (d) =>
            [
              `${t("clientDetails.ageBand")}: ${d.ageBand ? t(`clientDetails.ages.${d.ageBand}`) : t("clientDetails.notStated")}`,
              `${t("clientDetails.gender")}: ${d.gender ? t(`clientDetails.genders.${d.gender}`) : t("clientDetails.notStated")}`,
            ].join("\n"),
          attachmentLabel: t("myData.pdf.attachment"),
          pageLabel: (page, pages) => t("myData.pdf.page", { page, pages }),
          date: when,
        }),
      );
      download(pdf as BlobPart, "application/pdf", name);
    }
    return name;
  });
  const failure = exporting.error ?? (exporting.pending || exporting.result ? null : loadError);
  const status = exporting.pending
    ? { kind: "progress", text: t("myData.collecting", progress) }
    : failure
      ? { kind: "error", text: t("myData.exportFailed", { code: failure }) }
      : exporting.result
        ? { kind: "success", text: t("myData.exportDone", { name: exporting.result }) }
        : null;

  return (
    <Section title={t("myData.exportHeading")}>
      <p>{t("myData.exportExplain")}</p>
      <div className="dsr-actions">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={exporting.pending}
          onClick={() => void exporting.run("json")}
        >
          {t("myData.downloadJson")}
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={exporting.pending}
          onClick={() => void exporting.run("pdf")}
        >
          {t("myData.downloadPdf")}
        </button>
      </div>
      <p
        className={
          !status ? "visually-hidden" : status.kind === "progress" ? "notice" : `notice notice--${status.kind}`
        }
        role="status"
      >
        {status?.text ?? ""}
      </p>
    </Section>
  );
}
