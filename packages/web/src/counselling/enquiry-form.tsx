// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyView, TopicView } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useAction } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AccountSession } from "../keys/session-store";
import { fitsLimit } from "../messaging/attachments";
import { MAX_TEXT_CHARS } from "../messaging/body";
import { messagingFor } from "../messaging/session";
import { useRouter } from "../router/router";
import { prepareEnquiry, queueEnquiryFiles, submitEnquiry, type OpenCaseBody } from "./enquiry";
import { TextArea } from "./text-area";

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
}: {
  session: AccountSession;
  agency: AgencyView;
  topic: TopicView;
  counsellorId: string | null;
}) {
  const { t } = useT();
  const { navigate } = useRouter();
  const [text, setText] = useState("");
  const [textMissing, setTextMissing] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [inputProblem, setInputProblem] = useState<string | null>(null);
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
    const opened = await submitEnquiry(messaging, prepared.current.body);
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

  const failureText =
    failure === "untrusted"
      ? t("enquiry.untrusted")
      : failure === "no_intake"
        ? t("enquiry.noIntake")
        : failure
          ? t("enquiry.failed")
          : null;

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
      <div className="field">
        <label htmlFor="enquiry-files">{t("clientCase.attach")}</label>
        <p id="enquiry-files-hint" className="field__hint">
          {t("clientCase.attachHint")}
        </p>
        <input
          id="enquiry-files"
          type="file"
          multiple
          aria-describedby="enquiry-files-hint"
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
        />
      </div>
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
