// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useState } from "react";
import { useAction } from "../api/use-action";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import type { DisplayMessage, UseConversation } from "../messaging";
import { caseToCaseFile } from "./case-file";
import type { Ready } from "./case-types";
import { recordExport } from "./endpoints";
import { formatDateTime } from "../staff/format";

const key = (kind: "m" | "n", m: DisplayMessage) => `${kind}${m.seq}`;
const readable = (m: DisplayMessage) => !m.deleted && m.body !== null;

/**
 * Case-file export (issue 6, item 10): choose messages and notes, the PDF is
 * made here (pdf-lib, loaded only now), downloaded, and the server records
 * only how many of each were exported.
 */
export function ExportPanel({
  staff,
  c,
  chat,
  notes,
  nameOf,
}: {
  staff: Ready;
  c: CaseView;
  chat: UseConversation;
  notes: UseConversation;
  nameOf: (m: DisplayMessage) => string;
}) {
  const { t, i18n } = useT();
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const messages = chat.snapshot.messages.filter(readable);
  const noteList = notes.snapshot.messages.filter(readable);
  const all = [...messages.map((m) => key("m", m)), ...noteList.map((m) => key("n", m))];

  const toggle = (k: string) =>
    setExcluded((s) => {
      const next = new Set(s);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });

  /** Answers "nothing" when nothing was chosen (said as an error, but no request failed). */
  const creating = useAction(async (): Promise<"created" | "nothing"> => {
    // Everything must be loaded before choosing what goes into the file.
    while (chat.snapshot.hasOlder) await chat.loadOlder();
    while (notes.snapshot.hasOlder) await notes.loadOlder();
    const chosenMessages = messages.filter((m) => !excluded.has(key("m", m)));
    const chosenNotes = noteList.filter((m) => !excluded.has(key("n", m)));
    if (chosenMessages.length + chosenNotes.length === 0) return "nothing";
    const { renderCaseFilePdf } = await import("../staff/export-pdf");
    const pdf = await renderCaseFilePdf(
      caseToCaseFile({
        c,
        messages: chosenMessages,
        notes: chosenNotes,
        nameOf,
        exportedBy: staff.messaging.account.username,
        now: Date.now(),
        t,
        language: i18n.language,
      }),
    );
    await staff.messaging.api.request(recordExport, {
      params: { caseId: c.id },
      body: { messages: chosenMessages.length, notes: chosenNotes.length },
    });
    const url = URL.createObjectURL(new Blob([pdf as BlobPart], { type: "application/pdf" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `case-${c.id}.pdf`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return "created";
  });
  const busy = creating.pending;
  const status = creating.error
    ? { kind: "error", text: t("caseView.failed", { code: creating.error }) }
    : creating.result === "nothing"
      ? { kind: "error", text: t("caseExport.nothing") }
      : creating.result === "created"
        ? { kind: "success", text: t("caseExport.created") }
        : null;

  const option = (kind: "m" | "n", m: DisplayMessage) => {
    const k = key(kind, m);
    const prefix = kind === "m" ? t("caseExport.messagePrefix") : t("caseExport.notePrefix");
    const preview = (m.body?.text ?? "").slice(0, 60);
    return (
      <li key={k} className="checkbox-field">
        <input id={`export-${k}`} type="checkbox" checked={!excluded.has(k)} onChange={() => toggle(k)} />
        <label htmlFor={`export-${k}`}>
          {`${prefix} · ${formatDateTime(i18n.language, m.createdAt)} · ${nameOf(m)}: ${preview}`}
        </label>
      </li>
    );
  };

  return (
    <Section title={t("caseExport.title")}>
      <p>{t("caseExport.hint")}</p>
      <fieldset className="fieldset">
        <legend>{t("caseExport.select")}</legend>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setExcluded(new Set())}>
            {t("caseExport.all")}
          </button>
          <button type="button" className="button" onClick={() => setExcluded(new Set(all))}>
            {t("caseExport.none")}
          </button>
        </div>
        <ul className="export-list">
          {messages.map((m) => option("m", m))}
          {noteList.map((m) => option("n", m))}
        </ul>
      </fieldset>
      <p
        className={
          !status ? "visually-hidden" : status.kind === "error" ? "notice notice--error" : "notice notice--success"
        }
        role="status"
      >
        {status?.text ?? ""}
      </p>
      <p>
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          onClick={() => void creating.run()}
        >
          {busy ? t("caseExport.creating") : t("caseExport.create")}
        </button>
      </p>
    </Section>
  );
}
