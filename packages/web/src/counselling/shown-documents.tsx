// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PublishedDocumentView } from "@obhut/protocol";
import { CheckboxField } from "../account/checkbox-field";
import { useT } from "../i18n/use-t";

/** Of each kind the version in the reader's language, else German, else any (the organisation publishes per language). */
export function documentsToShow(
  documents: readonly PublishedDocumentView[],
  language: string,
): PublishedDocumentView[] {
  const kinds = ["privacy_notice", "communication_guideline"] as const;
  return kinds.flatMap((kind) => {
    const ofKind = documents.filter((d) => d.kind === kind);
    const pick = ofKind.find((d) => d.language === language) ?? ofKind.find((d) => d.language === "de") ?? ofKind[0];
    return pick ? [pick] : [];
  });
}

/** SHA-256 (hex) of exactly the text shown, computed here: the acceptance names what this screen displayed. */
export async function shownTextHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What the enquiry sends as accepted: each shown document with the hash of its text as shown. */
export function acceptedDocumentsOf(
  documents: readonly PublishedDocumentView[],
): Promise<{ documentId: string; sha256: string }[]> {
  return Promise.all(documents.map(async (doc) => ({ documentId: doc.id, sha256: await shownTextHash(doc.text) })));
}

/**
 * The organisation's published privacy notice (and its communication rules, if published), readable in
 * the enquiry flow — not only behind a link — before the client confirms them.
 */
export function ShownDocuments({
  documents,
  organisationName,
}: {
  documents: readonly PublishedDocumentView[];
  organisationName: string;
}) {
  const { t, i18n } = useT();
  return (
    <>
      {documents.map((doc) => {
        const title = t(`enquiry.documents.${doc.kind}`, { organisation: organisationName });
        const published = new Date(doc.publishedAt).toLocaleDateString(i18n.language, { dateStyle: "long" });
        return (
          <div key={doc.id} className="shown-document">
            <h3>{title}</h3>
            <p className="field__hint">{t("enquiry.documents.version", { version: doc.version, date: published })}</p>
            {/* Scrolls inside the page; focusable so it can be read with the keyboard too. Marked with its own
                language: a German notice inside an Arabic page is read with a German voice (ADR 0046). */}
            <div
              className="shown-document__text preserve-lines"
              role="region"
              aria-label={title}
              tabIndex={0}
              lang={doc.language}
            >
              {doc.text}
            </div>
          </div>
        );
      })}
    </>
  );
}

/** Beside the first message: the documents again and the confirmation that is recorded with it. */
export function ConfirmShownDocuments({
  documents,
  organisationName,
  confirmed,
  missing,
  onConfirmed,
}: {
  documents: readonly PublishedDocumentView[];
  organisationName: string;
  confirmed: boolean;
  missing: boolean;
  onConfirmed: (value: boolean) => void;
}) {
  const { t } = useT();
  return (
    <>
      <ShownDocuments documents={documents} organisationName={organisationName} />
      <CheckboxField
        id="enquiry-documents-confirm"
        label={t("enquiry.documents.confirm")}
        checked={confirmed}
        onChecked={onConfirmed}
        error={missing ? t("enquiry.documents.missing") : undefined}
      />
    </>
  );
}
