// SPDX-License-Identifier: AGPL-3.0-or-later
import type { NotifyEmailView } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api as defaultApi, type ApiClient } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { CheckboxField } from "./checkbox-field";
import {
  deleteMyNotifyEmail,
  getMyNotifyEmail,
  setMyNewEnquiryNotice,
  setMyNotifyEmail,
} from "./notify-email-endpoints";

// The browser's own idea of an address, as a first check; the server checks again (zod's z.email()).
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Done = "sent" | "removed" | "newEnquirySaved";

/**
 * "Benachrichtigung per E-Mail" on the account page (issue #17, ADR 0034):
 * says in plain words what a notice holds and what it never holds, then the
 * address (shown only to its owner), its state and the way to delete it.
 * Staff also choose "bei neuen Anfragen meiner Teams". Nothing is sent
 * before the link in the confirmation mail was opened (/notify-email/confirm).
 */
export default function NotifyEmailSection({ staff, api = defaultApi }: { staff: boolean; api?: ApiClient }) {
  const { t } = useT();
  const data = useLoad((signal) => api.request(getMyNotifyEmail, { signal }), [api]);
  return (
    <Section title={t("notifyEmail.title")}>
      <p>{t(staff ? "notifyEmail.staffWhat" : "notifyEmail.what")}</p>
      <ul>
        {staff ? null : <li>{t("notifyEmail.points.content")}</li>}
        <li>{t("notifyEmail.points.sender")}</li>
        {staff ? null : <li>{t("notifyEmail.points.hidden")}</li>}
        <li>{t("notifyEmail.points.confirm")}</li>
        <li>{t("notifyEmail.points.remove")}</li>
      </ul>
      {data.kind === "failed" ? (
        <p className="notice notice--error">{t("notifyEmail.loadFailed", { code: data.error })}</p>
      ) : data.kind === "ready" ? (
        <NotifyEmailForm api={api} staff={staff} current={data.value} onChanged={data.set} />
      ) : null}
    </Section>
  );
}

function NotifyEmailForm({
  api,
  staff,
  current,
  onChanged,
}: {
  api: ApiClient;
  staff: boolean;
  current: NotifyEmailView;
  onChanged: (view: NotifyEmailView) => void;
}) {
  const { t, i18n } = useT();
  const [address, setAddress] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [newEnquiry, setNewEnquiry] = useState(current.newEnquiry);
  const action = useAction(async (done: Done, step: () => Promise<NotifyEmailView>) => {
    const view = await step();
    onChanged(view);
    return done;
  });
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (action.error !== null) statusRef.current?.focus();
  }, [action.error]);

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (action.pending) return;
    const value = address.trim();
    const bad = !ADDRESS.test(value);
    setInvalid(bad);
    action.reset();
    if (bad) {
      document.getElementById("notify-email-address")?.focus();
      return;
    }
    const language = i18n.language.startsWith("en") ? "en" : "de";
    void action
      .run("sent", () =>
        api.request(setMyNotifyEmail, {
          body: { address: value, language, ...(staff ? { newEnquiry } : {}) },
        }),
      )
      .then((outcome) => {
        if (outcome.ok) setAddress("");
      });
  };

  const remove = () => void action.run("removed", () => api.request(deleteMyNotifyEmail));
  const saveNewEnquiry = () =>
    void action.run("newEnquirySaved", () => api.request(setMyNewEnquiryNotice, { body: { newEnquiry } }));

  const failure =
    action.error === null
      ? null
      : action.error === "unavailable"
        ? t("notifyEmail.sendUnavailable")
        : action.error === "rate_limited"
          ? t("notifyEmail.rateLimited")
          : t("notifyEmail.failed", { code: action.error });

  const state =
    current.address === null
      ? t("notifyEmail.state.none")
      : current.confirmed
        ? t("notifyEmail.state.active", { address: current.address })
        : t("notifyEmail.state.pending", { address: current.address });

  return (
    <>
      <p className={current.address !== null && current.confirmed ? "notice notice--success" : "notice"}>{state}</p>
      {current.available ? (
        <form className="form" noValidate onSubmit={send}>
          <p className="field__hint">{t("notifyEmail.privacyHint")}</p>
          <TextField
            id="notify-email-address"
            type="email"
            inputMode="email"
            autoComplete="email"
            spellCheck={false}
            maxLength={254}
            label={t("notifyEmail.label")}
            hint={t("notifyEmail.hint")}
            error={invalid ? t("notifyEmail.invalid") : undefined}
            value={address}
            onValue={setAddress}
          />
          {staff ? (
            <CheckboxField
              id="notify-email-new-enquiry"
              label={t("notifyEmail.newEnquiry")}
              checked={newEnquiry}
              onChecked={setNewEnquiry}
            />
          ) : null}
          <p className="actions">
            <button type="submit" className="button button--primary" aria-disabled={action.pending}>
              {t("notifyEmail.send")}
            </button>
            {staff && current.address !== null && newEnquiry !== current.newEnquiry ? (
              <button type="button" className="button" aria-disabled={action.pending} onClick={saveNewEnquiry}>
                {t("notifyEmail.newEnquirySave")}
              </button>
            ) : null}
          </p>
        </form>
      ) : (
        <p className="notice notice--warn">{t("notifyEmail.unavailable")}</p>
      )}
      {current.address !== null ? (
        <p>
          <button type="button" className="button" aria-disabled={action.pending} onClick={remove}>
            {t("notifyEmail.remove")}
          </button>
        </p>
      ) : null}
      <p
        ref={statusRef}
        tabIndex={-1}
        role={failure ? "alert" : "status"}
        className={failure ? "notice notice--error" : action.result ? "notice" : "visually-hidden"}
      >
        {failure ?? (action.result ? t(`notifyEmail.${action.result}`) : "")}
      </p>
    </>
  );
}
