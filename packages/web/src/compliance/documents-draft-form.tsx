// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DocumentKind, DocumentLanguage, OrgDocumentView } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useT } from "../i18n/use-t";

/**
 * A new draft of the guideline or the privacy notice, in German or English —
 * or, with `editing`, another text for an existing draft (its kind and
 * language stay). Give it `key={editing?.id}` so a new draft starts afresh.
 */
export function DraftForm(props: {
  busy: boolean;
  editing?: OrgDocumentView | null;
  /** True when saved; the text stays otherwise. */
  onSubmit: (body: { kind: DocumentKind; language: DocumentLanguage; text: string }) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { t } = useT();
  const editing = props.editing ?? null;
  const [kind, setKind] = useState<DocumentKind>(editing?.kind ?? "communication_guideline");
  const [language, setLanguage] = useState<DocumentLanguage>(editing?.language ?? "de");
  const [text, setText] = useState(editing?.text ?? "");
  const [missing, setMissing] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === "") {
      setMissing(true);
      document.getElementById("draft-text")?.focus();
      return;
    }
    setMissing(false);
    if (await props.onSubmit({ kind, language, text })) setText("");
  };
  return (
    <section aria-labelledby="draft-heading">
      <h2 id="draft-heading">{t(editing ? "documents.editHeading" : "documents.draftHeading")}</h2>
      <form className="staff-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="draft-kind">{t("documents.kindLabel")}</label>
          <select
            id="draft-kind"
            value={kind}
            disabled={editing !== null}
            onChange={(e) => setKind(e.target.value as DocumentKind)}
          >
            <option value="communication_guideline">{t("documents.kind.communication_guideline")}</option>
            <option value="privacy_notice">{t("documents.kind.privacy_notice")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="draft-language">{t("documents.languageLabel")}</label>
          <select
            id="draft-language"
            value={language}
            disabled={editing !== null}
            onChange={(e) => setLanguage(e.target.value as DocumentLanguage)}
          >
            <option value="de">{t("documents.language.de")}</option>
            <option value="en">{t("documents.language.en")}</option>
          </select>
        </div>
        <div className={missing ? "field field--invalid" : "field"}>
          <label htmlFor="draft-text">{t("documents.textLabel")}</label>
          {missing ? (
            <p id="draft-text-error" className="field__error">
              {t("common.required")}
            </p>
          ) : null}
          <textarea
            id="draft-text"
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? "draft-text-error" : "draft-text-hint"}
          />
          <p id="draft-text-hint" className="field__hint">
            {t("documents.textHint")}
          </p>
        </div>
        <p>
          <button type="submit" className="button button--primary" aria-disabled={props.busy}>
            {t(editing ? "documents.saveChanges" : "documents.saveDraft")}
          </button>
          {editing && props.onCancel ? (
            <button type="button" className="button" onClick={props.onCancel}>
              {t("documents.cancelEdit")}
            </button>
          ) : null}
        </p>
      </form>
    </section>
  );
}
