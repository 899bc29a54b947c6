// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyView, TopicView } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { CheckboxField } from "../account/checkbox-field";
import { api } from "../api/client";
import { Page, Section } from "../components/page";
import { AddressFormContext } from "../i18n/use-t";
import { useTFor } from "./use-t-for";
import { useSession } from "../keys/use-session";
import { getAgency } from "../messaging/endpoints";
import { messagingFor } from "../messaging/session";
import { Link, useRouter } from "../router/router";
import { fitsLimit } from "../messaging/attachments";
import { MAX_TEXT_CHARS } from "../messaging/body";
import { EnquiryError, prepareEnquiry, queueEnquiryFiles, submitEnquiry, type OpenCaseBody } from "./enquiry";
import { idParam, useQueryParams } from "./query";
import { TextArea } from "./text-area";

/**
 * The first enquiry. Without a session: the privacy notice and the
 * communication guidelines must be confirmed, then sign-up (anonymous:
 * pseudonym and password) or login, which both come back here. With a
 * session: the client writes the first message, which is encrypted for the
 * agency's intake team and sent; the case page then shows the greeting.
 */
export function EnquiryPage() {
  const { navigate } = useRouter();
  const session = useSession();
  const params = useQueryParams();
  const agencyId = idParam(params, "agency");
  const counsellorId = idParam(params, "counsellor");
  const wantedTopic = idParam(params, "topic");
  const [agency, setAgency] = useState<AgencyView | null>(null);
  const [topic, setTopic] = useState<TopicView | null>(null);
  const { t } = useTFor(topic?.addressForm);
  const [missing, setMissing] = useState(agencyId === null);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const [text, setText] = useState("");
  const [textMissing, setTextMissing] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [inputProblem, setInputProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<EnquiryError["reason"] | null>(null);
  const prepared = useRef<{ text: string; body: OpenCaseBody } | null>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!agencyId) return;
    let live = true;
    api
      .request(getAgency, { params: { agencyId }, query: {} })
      .then((answer) => {
        if (!live) return;
        setAgency(answer.agency);
        setTopic(answer.topics.find((item) => item.id === wantedTopic) ?? answer.topics[0] ?? null);
      })
      .catch(() => live && setMissing(true));
    return () => {
      live = false;
    };
  }, [agencyId, wantedTopic]);

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  if (missing) {
    return (
      <Page title={t("enquiry.title")}>
        <p className="notice">{t("enquiry.missing")}</p>
        <p>
          <Link to="/finder" className="button button--primary">
            {t("agency.toFinder")}
          </Link>
        </p>
      </Page>
    );
  }
  if (!agency || !topic) {
    return (
      <Page title={t("enquiry.title")}>
        <p role="status">{t("common.loading")}</p>
      </Page>
    );
  }

  const here = `${window.location.pathname}${window.location.search}`;
  const continueTo = (path: "/signup" | "/login") => {
    if (!confirmed) {
      setConfirmMissing(true);
      document.getElementById("enquiry-privacy")?.focus();
      return;
    }
    navigate(`${path}?next=${encodeURIComponent(here)}`);
  };

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !session) return;
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
    setBusy(true);
    setFailure(null);
    const messaging = messagingFor(session);
    try {
      // A retry with unchanged text sends the very same enquiry (same ids) again.
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
    } catch (error) {
      setFailure(error instanceof EnquiryError ? error.reason : "refused");
      setBusy(false);
    }
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
    <AddressFormContext.Provider value={topic.addressForm}>
      <Page title={t("enquiry.title")} lead={t("enquiry.lead")}>
        <p>
          <strong>{t("enquiry.to", { agency: agency.name })}</strong> – {topic.name}
        </p>
        {!session ? (
          <Section title={t("enquiry.privacyTitle")}>
            <p>{t("enquiry.privacyBody")}</p>
            <p>
              <Link to="/privacy">{t("enquiry.privacyLink")}</Link>
            </p>
            <CheckboxField
              id="enquiry-privacy"
              label={t("enquiry.privacyConfirm")}
              checked={confirmed}
              onChecked={(value) => {
                setConfirmed(value);
                if (value) setConfirmMissing(false);
              }}
              error={confirmMissing ? t("enquiry.privacyMissing") : undefined}
            />
            <div className="actions">
              <button type="button" className="button button--primary" onClick={() => continueTo("/signup")}>
                {t("enquiry.signup")}
              </button>
              <button type="button" className="button" onClick={() => continueTo("/login")}>
                {t("enquiry.login")}
              </button>
            </div>
          </Section>
        ) : (
          <form className="form" noValidate onSubmit={(event) => void send(event)}>
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
        )}
      </Page>
    </AddressFormContext.Provider>
  );
}
