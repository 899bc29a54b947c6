// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView, CaseView, MyRestrictionView } from "@obhut/protocol";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { logOut } from "../auth/flows";
import { Page } from "../components/page";
import { AddressFormContext, useT } from "../i18n/use-t";
import { useTFor } from "./use-t-for";
import { getSession, subscribeSession } from "../keys/session-store";
import { useSession } from "../keys/use-session";
import { AttachmentItem, formatSize, useAttachmentTexts } from "../components/attachment-item";
import { MAX_TEXT_CHARS } from "../messaging/body";
import { acceptAttribute } from "../messaging/attachment-policy";
import { type SealedFile, sealFile } from "../messaging/attachments";
import type { DisplayMessage, OutgoingMessage } from "../messaging/conversation";
import type { ConversationTrust } from "../messaging/epochs";
import { myRestrictions } from "../dsr/endpoints";
import { getCase } from "../messaging/endpoints";
import { type MessagingSession, messagingFor } from "../messaging/session";
import { clientCaseTrust } from "../messaging/trust";
import { type UseAttachments, useConversation } from "../messaging/use-conversation";
import { usePresence } from "../messaging/use-presence";
import { Link, useRouter } from "../router/router";
import { takeEnquiryFiles } from "./enquiry";
import { idParam, useQueryParams } from "./query";
import { TextArea } from "./text-area";

type Entry = { at: number; key: string } & (
  { kind: "message"; message: DisplayMessage } | { kind: "event"; event: CaseEventView }
);

/**
 * The client's conversation with the agency (lazy-loaded: it brings the
 * messaging library). History comes over HTTP and is decrypted here with
 * the epoch keys unwrapped from the client's own wraps; new messages arrive
 * over the WebSocket; case events (greeting, accepted, handed over, closed)
 * are interleaved by time.
 */
export default function CasePage() {
  const { t } = useT();
  const session = useSession();
  const params = useQueryParams();
  const caseId = idParam(params, "id");
  const here = `${window.location.pathname}${window.location.search}`;

  if (!session) {
    return (
      <Page title={t("clientCase.title")}>
        <p className="notice">{t("clientCase.loggedOut")}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent(here)}`} className="button button--primary">
            {t("cases.login")}
          </Link>
        </p>
      </Page>
    );
  }
  if (!caseId) {
    return (
      <Page title={t("clientCase.title")}>
        <p className="notice notice--error">{t("clientCase.loadFailed")}</p>
      </Page>
    );
  }
  return <CaseConversation messaging={messagingFor(session)} caseId={caseId} />;
}

function CaseConversation({ messaging, caseId }: { messaging: MessagingSession; caseId: string }) {
  const { navigate } = useRouter();
  const [loaded, setLoaded] = useState<{ case: CaseView; events: CaseEventView[] } | null>(null);
  const { t, i18n } = useTFor(loaded?.case.addressForm);
  const [trust, setTrust] = useState<ConversationTrust | null>(null);
  const [failed, setFailed] = useState(false);
  const [leaving, setLeaving] = useState(false);
  // A restriction of processing (Art. 18 GDPR) on this case or on all of the client's cases with the organisation.
  const [restrictions, setRestrictions] = useState<MyRestrictionView[]>([]);

  useEffect(() => {
    let live = true;
    messaging.api
      .request(myRestrictions)
      .then((answer) => live && setRestrictions(answer.restrictions))
      .catch(() => {
        // Without the answer the page works as before; "My data" lists restrictions too.
      });
    return () => {
      live = false;
    };
  }, [messaging]);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const answer = await messaging.api.request(getCase, { params: { caseId } });
      if (!live) return;
      setLoaded(answer);
      if (!messaging.orgLogs.peek(answer.case.organisationId) || !trust) {
        const orgLog = await messaging.orgLogs.load(answer.case.organisationId);
        if (!live) return;
        setTrust(
          (current) =>
            current ??
            clientCaseTrust({
              orgLog,
              self: { accountId: messaging.account.id, signingKey: messaging.keys.signing.publicKey },
            }),
        );
      }
    };
    load().catch(() => live && setFailed(true));
    const off = messaging.realtime.onCase((frame) => {
      if (frame.caseId !== caseId) return;
      // A colleague accepted, handed over or closed the case: read the new state and timeline.
      messaging.api
        .request(getCase, { params: { caseId } })
        .then((answer) => live && setLoaded(answer))
        .catch(() => {});
    });
    return () => {
      live = false;
      off();
    };
    // `trust` is only read to skip a second verification; it must not restart the effect.
  }, [messaging, caseId]);

  const setup = useMemo(() => (trust ? { trust } : null), [trust]);
  const conversation = useConversation(messaging, loaded?.case.conversationId ?? null, setup);
  const { snapshot } = conversation;
  // Sent by the server only when the organisation shares presence with clients (off by default).
  const presence = usePresence(messaging.realtime);

  // Files chosen with the enquiry follow as soon as the conversation is open (see enquiry.ts), if the
  // organisation's attachment rules allow them: the enquiry page could not know those rules yet.
  const ready = snapshot.status === "ready";
  const { send } = conversation;
  const { ensurePolicy } = conversation.attachments;
  const texts = useAttachmentTexts();
  const [enquiryRefusal, setEnquiryRefusal] = useState<string | null>(null);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    ensurePolicy().then(
      (policy) => {
        if (!live) return;
        const files = takeEnquiryFiles(caseId);
        if (files.length === 0) return;
        const refusal = texts.refusal(files, policy);
        if (refusal) return setEnquiryRefusal(refusal);
        void Promise.all(
          files.map(async (file) =>
            sealFile({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }),
          ),
        )
          .then((sealed) => send("", sealed))
          // A failed upload stays in the outbox with its retry button.
          .catch(() => {});
      },
      () => {
        if (live && takeEnquiryFiles(caseId).length > 0) setEnquiryRefusal(texts.unavailable());
      },
    );
    return () => {
      live = false;
    };
    // `texts` only formats; it must not run this again.
  }, [ready, ensurePolicy, caseId, send]);

  useEffect(() => {
    if (snapshot.messages.length > 0 && document.visibilityState === "visible") conversation.markRead();
  }, [snapshot.messages.length, conversation]);

  if (failed || snapshot.status === "error") {
    return (
      <Page title={t("clientCase.title")}>
        <p className="notice notice--error" role="alert">
          {t("clientCase.loadFailed")}
        </p>
        <p>
          <Link to="/cases">{t("clientCase.back")}</Link>
        </p>
      </Page>
    );
  }
  if (!loaded) {
    return (
      <Page title={t("clientCase.title")}>
        <p role="status">{t("common.loading")}</p>
      </Page>
    );
  }

  const item = loaded.case;
  const restriction = restrictions.find(
    (r) => r.organisationId === item.organisationId && (r.caseId === null || r.caseId === item.id),
  );
  const dateOf = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(ms));
  const names = new Map<string, string>();
  for (const event of loaded.events) {
    if (event.actorId && event.actorName) names.set(event.actorId, event.actorName);
    if (event.assigneeId && event.assigneeName) names.set(event.assigneeId, event.assigneeName);
  }
  if (item.assigneeId && item.assigneeName) names.set(item.assigneeId, item.assigneeName);
  // The server sends staff without a display name unnamed (never by login name); they are "your counsellor".
  const assigneeName = item.assigneeName ?? t("clientCase.unnamedCounsellor");

  const entries: Entry[] = [
    ...loaded.events
      .filter((event) => event.type !== "opened")
      .map((event): Entry => ({ kind: "event", event, at: event.createdAt, key: `e-${event.id}` })),
    ...snapshot.messages.map((message): Entry => ({
      kind: "message",
      message,
      at: message.createdAt,
      key: `m-${message.seq}`,
    })),
  ].sort((a, b) => a.at - b.at || (a.kind === "message" ? -1 : 1));

  const leave = async () => {
    if (leaving) return;
    setLeaving(true);
    await logOut();
    navigate("/");
  };

  return (
    <AddressFormContext.Provider value={item.addressForm}>
      <Page title={t("clientCase.with", { agency: item.agencyName })}>
        <p>
          <Link to="/cases">{t("clientCase.back")}</Link>
        </p>
        <div className="case-status">
          {item.assigneeId ? (
            <p>{t("clientCase.answeredBy", { name: assigneeName })}</p>
          ) : item.state === "new" ? (
            <p>{t("clientCase.waiting")}</p>
          ) : null}
          {item.assigneeId && presence.get(item.assigneeId) === "online" ? (
            <p data-testid="counsellor-presence">{t("clientCase.presenceOnline", { name: assigneeName })}</p>
          ) : null}
          {item.assigneeAbsence ? (
            <div className="notice notice--warn">
              <p>
                {item.assigneeName
                  ? t("clientCase.absence", { name: item.assigneeName })
                  : t("clientCase.absenceUnnamed")}
              </p>
              <p className="preserve-lines">{item.assigneeAbsence}</p>
            </div>
          ) : null}
          {restriction ? (
            <p className="notice notice--warn" data-testid="case-restricted">
              {restriction.caseId === null
                ? t("myData.restrictedAll", { date: dateOf(restriction.since) })
                : t("myData.restrictedCase", { date: dateOf(item.createdAt) })}
            </p>
          ) : null}
          {item.state === "closed" ? <p className="notice">{t("clientCase.closedNote")}</p> : null}
          {item.state === "archived" ? <p className="notice">{t("clientCase.archivedNote")}</p> : null}
          <p className="live-status" role="status">
            {t(`clientCase.live.${snapshot.live}`)}
          </p>
        </div>
        <section className="section" aria-labelledby="case-history">
          <h2 id="case-history">{t("clientCase.history")}</h2>
          {snapshot.hasOlder ? (
            <button type="button" className="button" onClick={() => void conversation.loadOlder()}>
              {t("clientCase.older")}
            </button>
          ) : null}
          {snapshot.status === "loading" ? <p role="status">{t("common.loading")}</p> : null}
          <div role="log" aria-live="polite" aria-labelledby="case-history">
            <ol className="timeline">
              {entries.map((entry) =>
                entry.kind === "event" ? (
                  <li key={entry.key} className={`timeline__event timeline__event--${entry.event.type}`}>
                    <EventText event={entry.event} />
                  </li>
                ) : (
                  <li
                    key={entry.key}
                    className={entry.message.own ? "timeline__message timeline__message--own" : "timeline__message"}
                  >
                    <MessageItem
                      message={entry.message}
                      attachments={conversation.attachments}
                      sender={
                        entry.message.own
                          ? t("clientCase.you")
                          : (names.get(entry.message.senderId) ?? t("clientCase.counsellor"))
                      }
                    />
                  </li>
                ),
              )}
            </ol>
          </div>
          <Outbox items={snapshot.outbox} conversation={conversation} />
        </section>
        {enquiryRefusal ? (
          <p className="notice notice--error" role="alert">
            {enquiryRefusal}
          </p>
        ) : null}
        {item.state !== "archived" ? (
          <Composer
            send={conversation.send}
            attachments={conversation.attachments}
            ready={snapshot.status === "ready"}
            draftKey={`${messaging.account.id}/${caseId}`}
          />
        ) : null}
        <p>
          <button type="button" className="button" aria-disabled={leaving} onClick={() => void leave()}>
            {t("clientCase.logout")}
          </button>
        </p>
      </Page>
    </AddressFormContext.Provider>
  );
}

function EventText({ event }: { event: CaseEventView }) {
  const { t } = useT();
  // Staff without a display name come without a name (never their login name): "your counsellor" instead.
  const name = event.assigneeName ?? (event.assigneeId ? null : event.actorName) ?? t("clientCase.unnamedCounsellor");
  switch (event.type) {
    case "greeting":
    case "absence_reply":
      return (
        <>
          <p className="timeline__label">{t(`clientCase.events.${event.type}`)}</p>
          {event.text ? <p className="preserve-lines">{event.text}</p> : null}
        </>
      );
    case "handed_over":
      if (!event.assigneeId) return <p>{t("clientCase.events.handed_over_team")}</p>;
      return (
        <p>
          {event.assigneeName
            ? t("clientCase.events.handed_over", { name: event.assigneeName })
            : t("clientCase.events.handed_over_unnamed")}
        </p>
      );
    case "accepted":
    case "assigned":
      return <p>{t(`clientCase.events.${event.type}`, { name })}</p>;
    default:
      return <p>{t(`clientCase.events.${event.type}`)}</p>;
  }
}

function MessageItem({
  message,
  sender,
  attachments,
}: {
  message: DisplayMessage;
  sender: string;
  attachments: UseAttachments;
}) {
  const { t, i18n } = useT();
  const time = new Date(message.createdAt).toLocaleString(i18n.language, { dateStyle: "short", timeStyle: "short" });
  return (
    <>
      <p className="timeline__meta">
        <strong>{sender}</strong> · <time dateTime={new Date(message.createdAt).toISOString()}>{time}</time>
        {message.edited ? ` · ${t("clientCase.edited")}` : null}
      </p>
      {message.deleted ? (
        <p className="timeline__problem">{t("clientCase.deleted")}</p>
      ) : message.body ? (
        <>
          {message.body.text ? <p className="preserve-lines">{message.body.text}</p> : null}
          {message.body.attachments.length > 0 ? (
            <ul className="attachments">
              {message.body.attachments.map((ref) => (
                <li key={ref.id}>
                  <AttachmentItem
                    attachment={ref}
                    attachments={attachments}
                    label={t("clientCase.download", { name: ref.name, size: formatSize(ref.size, i18n.language) })}
                    canDelete={message.own}
                    buttonClass="button button--link"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="timeline__problem">
          {message.problem === "unsupported" ? t("clientCase.unsupported") : t("clientCase.unreadable")}
        </p>
      )}
    </>
  );
}

const sessionEnded = (code: string | null) => code === "unauthenticated" || code === "session_expired";
const waitsForNetwork = (item: OutgoingMessage) =>
  item.retryable && (item.error === "network_error" || item.error === "timeout");

function Outbox({
  items,
  conversation,
}: {
  items: readonly OutgoingMessage[];
  conversation: ReturnType<typeof useConversation>;
}) {
  const { t } = useT();
  if (items.length === 0) return null;
  const errorText = (code: string | null) => {
    if (sessionEnded(code)) return t("clientCase.errors.unauthenticated");
    const known = ["network_error", "timeout", "rate_limited", "too_large", "crypto", "unauthenticated"] as const;
    const match = known.find((k) => k === code);
    return t(`clientCase.errors.${match ?? "other"}`);
  };
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <ul className="outbox">
      {items.map((item) => (
        <li key={item.clientMsgId} className="timeline__message timeline__message--own timeline__message--pending">
          {item.body.text ? <p className="preserve-lines">{item.body.text}</p> : null}
          {item.state === "failed" && waitsForNetwork(item) ? (
            // Not lost, only waiting: the store sends it again (same id) as soon as the connection is back.
            <div className="notice notice--warn" role="status">
              <p>{t("clientCase.queued")}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => void conversation.retry(item.clientMsgId).catch(() => {})}
                >
                  {t("clientCase.retry")}
                </button>
              </div>
            </div>
          ) : item.state === "failed" ? (
            <div className="notice notice--error" role="alert">
              <p>
                {t("clientCase.notSent")} {errorText(item.error)}
              </p>
              {sessionEnded(item.error) ? (
                <p>
                  <Link to={`/login?next=${encodeURIComponent(here)}`}>{t("clientCase.loginAgain")}</Link>
                </p>
              ) : null}
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void conversation.retry(item.clientMsgId).catch(() => {})}
                >
                  {t("clientCase.retry")}
                </button>
              </div>
            </div>
          ) : (
            <p role="status" className="timeline__meta">
              {item.state === "uploading" ? t("clientCase.uploading") : t("clientCase.sending")}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Unsent text per account and case, in memory only (never in storage): it
 * survives the case page being left — for a new login after the session
 * ended — and is dropped once the server stored the message, on logout and
 * on quick exit (both clear the session).
 */
const drafts = new Map<string, string>();
subscribeSession(() => {
  if (!getSession()) drafts.clear();
});

function Composer({
  send,
  attachments,
  ready,
  draftKey,
}: {
  send: (text: string, files?: SealedFile[]) => Promise<void>;
  attachments: UseAttachments;
  /** False while the conversation is still being opened (history, keys): sending waits for it. */
  ready: boolean;
  draftKey: string;
}) {
  const { t } = useT();
  const texts = useAttachmentTexts();
  const [text, setTextState] = useState(() => drafts.get(draftKey) ?? "");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const setText = (value: string | ((current: string) => string)) =>
    setTextState((current) => {
      const next = typeof value === "function" ? value(current) : value;
      if (next !== "") drafts.set(draftKey, next);
      else drafts.delete(draftKey);
      return next;
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim() === "" && files.length === 0) {
      setError(t("clientCase.empty"));
      return;
    }
    // Checked before anything is cleared: the text stays in the editor to be shortened or split.
    if (text.length > MAX_TEXT_CHARS) {
      setError(
        t("clientCase.textTooLong", { max: MAX_TEXT_CHARS.toLocaleString(), length: text.length.toLocaleString() }),
      );
      return;
    }
    // The organisation's size cap and allowed types, before anything is encrypted.
    if (files.length > 0) {
      const policy = attachments.policy ?? (await attachments.ensurePolicy().catch(() => null));
      const refusal = policy ? texts.refusal(files, policy) : texts.unavailable();
      if (refusal) {
        setError(refusal);
        return;
      }
    }
    if (!ready) {
      setError(t("clientCase.notReady"));
      return;
    }
    setError(null);
    const draft = text;
    const picked = files;
    // The outbox keeps the text (and the sealed files) until the server stored the message;
    // the draft memory keeps it too, until then, for a new login if the session ended meanwhile.
    setTextState("");
    setFiles([]);
    if (fileInput.current) fileInput.current.value = "";
    try {
      const sealed = await Promise.all(
        picked.map(async (file) =>
          sealFile({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }),
        ),
      );
      await send(draft, sealed);
      if (drafts.get(draftKey) === draft) drafts.delete(draftKey);
    } catch {
      // Shown in the outbox with a retry button; if sealing failed, the text returns to the editor.
      setText((current) => (current === "" ? draft : current));
    }
  };

  return (
    <form className="form composer" noValidate onSubmit={(event) => void submit(event)}>
      <TextArea id="case-compose" label={t("clientCase.compose")} value={text} onValue={setText} rows={4} />
      <div className="field">
        <label htmlFor="case-files">{t("clientCase.attach")}</label>
        <p id="case-files-hint" className="field__hint">
          {attachments.policy ? texts.hint(attachments.policy) : t("clientCase.attachHint")}
        </p>
        <input
          id="case-files"
          ref={fileInput}
          type="file"
          multiple
          accept={attachments.policy ? acceptAttribute(attachments.policy) : undefined}
          aria-describedby="case-files-hint"
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
        />
      </div>
      {error ? (
        <p id="case-compose-error" className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary">
        {t("clientCase.send")}
      </button>
    </form>
  );
}
