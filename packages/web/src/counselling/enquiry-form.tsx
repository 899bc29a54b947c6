// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyView, PublishedDocumentView, TopicView } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useAction } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AccountSession } from "../keys/session-store";
import { fitsLimit } from "../messaging/attachments";
import { MAX_TEXT_CHARS } from "../messaging/body";
import { messagingFor } from "../messaging/session";
import { useRouter } from "../router/router";
import { prepareEnquiry, queueEnquiryFiles, submitEnquiry, type OpenCaseBody } from "./enquiry";
import { seenParam } from "./enquiry-privacy";
import { acceptedDocumentsOf, ConfirmShownDocuments } from "./shown-documents";
import { EnquiryFiles } from "./enquiry-files";
import { TextArea } from "./text-area";

/** What a failed enquiry tells the person, by the EnquiryError's reason. */
const FAILURE_TEXT: Partial<
  Record<string, "enquiry.documents.changed" | "enquiry.untrusted" | "enquiry.noIntake" | "orgFingerprint.changed">
> = {
  privacy_changed: "enquiry.documents.changed",
  untrusted: "enquiry.untrusted",
  no_intake: "enquiry.noIntake",
  // Not the organisation this client pinned (ADR 0030): nothing was sealed or sent.
  org_changed: "orgFingerprint.changed",
};

/**
 * The first message, encrypted here for the agency's intake team and sent;
 * then on to the case page, which sends the chosen files. A failure keeps
 * the text and files, and a retry with the same text sends the very same
 * enquiry (same ids) again.
 */
export function EnquiryForm({
  session,
  agency,
  topic,
  counsellorId,
  documents,
  seen,
  reloadDocuments,
}: {
  session: AccountSession;
  agency: AgencyView;
  topic: TopicView;
  counsellorId: string | null;
  /** The organisation's published notice and rules, shown above the confirmation. */
  documents: readonly PublishedDocumentView[];
  /** Versions the person confirmed before sign-up or login (hash prefixes from the way back). */
  seen: string;
  reloadDocuments: () => void;
}) {
  const { t } = useT();
  const { navigate } = useRouter();
  const [text, setText] = useState("");
  const [textMissing, setTextMissing] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [inputProblem, setInputProblem] = useState<string | null>(null);
  // Confirmed on the page before sign-up for exactly these versions: the box starts ticked, the texts stay visible.
  const [confirmed, setConfirmed] = useState(documents.length > 0 && seen === seenParam(documents));
  const [confirmMissing, setConfirmMissing] = useState(false);
  const prepared = useRef<{ text: string; body: OpenCaseBody } | null>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);

  // Fails with the EnquiryError's reason as its code.
  const sending = useAction(async () => {
    const messaging = messagingFor(session);
    if (!prepared.current || prepared.current.text !== text) {
      prepared.current = {
        text,
        body: await prepareEnquiry(messaging, { agency, topicId: topic.id, counsellorId, text }),
      };
    }
    // The hash of each text as this screen showed it; the server records it only if it is the current version.
    const acceptedDocuments = await acceptedDocumentsOf(documents);
    const body = acceptedDocuments.length > 0 ? { ...prepared.current.body, acceptedDocuments } : prepared.current.body;
    const opened = await submitEnquiry(messaging, body);
    prepared.current = null;
    setText("");
    // Attachments need the case's conversation: the case page sends them right away.
    queueEnquiryFiles(opened.case.id, files);
    navigate(`/case?id=${encodeURIComponent(opened.case.id)}`);
  });
  const busy = sending.pending;
  const failure = sending.error;

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (text.trim() === "") {
      setTextMissing(true);
      document.getElementById("enquiry-message")?.focus();
      return;
    }
    setTextMissing(false);
    if (documents.length > 0 && !confirmed) {
      setConfirmMissing(true);
      document.getElementById("enquiry-documents-confirm")?.focus();
      return;
    }
    // Checked before anything is sent or cleared: the text and the files stay.
    const tooLarge = files.find((file) => !fitsLimit(file.size));
    const problem =
      text.length > MAX_TEXT_CHARS
        ? t("clientCase.textTooLong", { length: text.length.toLocaleString(), max: MAX_TEXT_CHARS.toLocaleString() })
        : tooLarge
          ? t("clientCase.tooLarge", { name: tooLarge.name })
          : null;
    setInputProblem(problem);
    if (problem) return;
    void sending.run();
  };

  useEffect(() => {
    // A new version was published meanwhile: load it and ask again.
    if (failure === "privacy_changed") {
      setConfirmed(false);
      reloadDocuments();
    }
  }, [failure, reloadDocuments]);

  const failureText = failure ? t(FAILURE_TEXT[failure] ?? "enquiry.failed") : null;

  return (
    <form className="form" noValidate onSubmit={send}>
      {failureText ? (
        <p className="notice notice--error" role="alert" tabIndex={-1} ref={failureRef}>
          {failureText}
        </p>
      ) : null}
      <TextArea
        id="enquiry-message"
        label={t("enquiry.message")}
        hint={t("enquiry.messageHint")}
        error={textMissing ? t("enquiry.messageMissing") : undefined}
        value={text}
        onValue={setText}
        rows={8}
      />
      <EnquiryFiles onFiles={setFiles} />
      {documents.length > 0 ? (
        <ConfirmShownDocuments
          documents={documents}
          organisationName={agency.organisationName}
          confirmed={confirmed}
          missing={confirmMissing}
          onConfirmed={(value) => {
            setConfirmed(value);
            if (value) setConfirmMissing(false);
          }}
        />
      ) : null}
      {inputProblem ? (
        <p id="enquiry-input-error" className="field__error" role="alert">
          {inputProblem}
        </p>
      ) : null}
      {busy ? (
        <p role="status" className="auth-progress__intro">
          {t("enquiry.working")}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" aria-disabled={busy}>
        {t("enquiry.send")}
      </button>
    </form>
  );
}
