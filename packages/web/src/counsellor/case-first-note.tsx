// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useAction } from "../api/use-action";
import { useT } from "../i18n/use-t";

/** The form for a case's first note (which creates its notes conversation). */
export function FirstNote({ enabled, onWrite }: { enabled: boolean; onWrite: (text: string) => Promise<void> }) {
  const { t } = useT();
  const [text, setText] = useState("");
  const write = useAction(onWrite);
  if (!enabled) return <p>{t("caseNotes.none")}</p>;
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (write.pending || text.trim() === "") return;
        void write.run(text).then((outcome) => outcome.ok && setText(""));
      }}
    >
      <p>{t("caseNotes.none")}</p>
      <div className="field">
        <label htmlFor="case-note">{t("caseNotes.label")}</label>
        <textarea id="case-note" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {write.error ? (
        <p className="notice notice--error" role="alert">
          {t("caseView.failed", { code: write.error })}
        </p>
      ) : null}
      <p>
        <button type="submit" className="button button--primary" aria-disabled={write.pending}>
          {write.pending ? t("caseNotes.saving") : t("caseNotes.add")}
        </button>
      </p>
    </form>
  );
}
