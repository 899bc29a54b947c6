// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetNotificationSettings, PutNotificationSettings } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import type { Endpoint } from "../api/client";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { StatusMessage, useStatusAction } from "./admin-status";
import { useSeed } from "./use-seed";
import { CheckboxField } from "../account/checkbox-field";
import { useOfficeHours } from "./office-hours-fields";
import { TextField } from "../components/text-field";

// Type-checked against the protocol like the literals in endpoints.ts.
const getNotificationSettings: Endpoint<typeof GetNotificationSettings> = {
  method: "GET",
  path: "/api/organisations/:orgId/notification-settings",
};
const putNotificationSettings: Endpoint<typeof PutNotificationSettings> = {
  method: "PUT",
  path: "/api/organisations/:orgId/notification-settings",
};

/**
 * The neutral sender name of the organisation's e-mail notices (ADR 0034):
 * the only organisation text a notice carries, visible to whoever sees the
 * recipient's mailbox, so the console asks for one that names no service
 * and no topic.
 */
export function SenderNameSection({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad((signal) => api.request(getNotificationSettings, { params: { orgId }, signal }), [api, orgId]);
  const settings = data.kind === "ready" ? data.value : null;
  const [name, setName] = useState("");
  const [invalid, setInvalid] = useState(false);
  const { status, run } = useStatusAction();
  useSeed(settings ?? undefined, (s) => setName(s.senderName));
  // The organisation's rules (ADR 0044): which ways exist at all, clients' e-mail, the waiting limit.
  const [emailEnabled, setEmailEnabled] = useState(true);
  const [pushEnabled, setPushEnabled] = useState(true);
  const [clientEmail, setClientEmail] = useState(true);
  const [wait, setWait] = useState("");
  const [waitInvalid, setWaitInvalid] = useState(false);
  useSeed(settings ?? undefined, (s) => {
    setEmailEnabled(s.emailEnabled);
    setPushEnabled(s.pushEnabled);
    setClientEmail(s.clientEmail);
    setWait(s.enquiryWaitHours === null ? "" : String(s.enquiryWaitHours));
  });

  const office = useOfficeHours(settings?.officeHours);

  const saveRules = (event: FormEvent) => {
    event.preventDefault();
    if (!settings) return;
    const text = wait.trim();
    const hours = text === "" ? null : Number(text);
    const bad = hours !== null && (!Number.isInteger(hours) || hours < 1 || hours > 720);
    setWaitInvalid(bad);
    if (bad) {
      document.getElementById("notify-wait-hours")?.focus();
      return;
    }
    const officeHours = office.read();
    if (officeHours === undefined) return;
    void run(t("admin.working"), t("noticeRules.admin.saved"), async () => {
      data.set(
        await api.request(putNotificationSettings, {
          params: { orgId },
          body: {
            senderName: settings.senderName,
            emailEnabled,
            pushEnabled,
            clientEmail,
            enquiryWaitHours: hours,
            officeHours,
          },
        }),
      );
    });
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const senderName = name.trim();
    // The server's rule (1–80 characters), checked here first for a clear message.
    const bad = senderName.length < 1 || senderName.length > 80;
    setInvalid(bad);
    if (bad) return;
    void run(t("admin.working"), t("notifyEmail.admin.saved"), async () => {
      data.set(await api.request(putNotificationSettings, { params: { orgId }, body: { senderName } }));
    });
  };

  return (
    <section className="section" aria-labelledby="sender-name-heading">
      <h2 id="sender-name-heading">{t("notifyEmail.admin.title")}</h2>
      <p>{t("notifyEmail.admin.lead")}</p>
      <StatusMessage status={status} />
      {settings === null ? (
        <p>{t("admin.loading")}</p>
      ) : (
        <form className="form" onSubmit={save} noValidate>
          <p>{t("notifyEmail.admin.current", { name: settings.senderName })}</p>
          <TextField
            id="notify-sender-name"
            label={t("notifyEmail.admin.label")}
            hint={t("notifyEmail.admin.hint")}
            error={invalid ? t("notifyEmail.admin.invalid") : undefined}
            type="text"
            autoComplete="off"
            maxLength={80}
            value={name}
            onValue={setName}
          />
          <p className="actions">
            <button type="submit" className="button button--primary">
              {t("notifyEmail.admin.save")}
            </button>
          </p>
        </form>
      )}
      {settings === null ? null : (
        <form className="form" onSubmit={saveRules} noValidate>
          <h3>{t("noticeRules.admin.rulesTitle")}</h3>
          <p>{t("noticeRules.admin.rulesLead")}</p>
          <CheckboxField
            id="notify-email-enabled"
            label={t("noticeRules.admin.email")}
            checked={emailEnabled}
            onChecked={setEmailEnabled}
          />
          <CheckboxField
            id="notify-client-email"
            label={t("noticeRules.admin.clientEmail")}
            checked={clientEmail}
            onChecked={setClientEmail}
          />
          <CheckboxField
            id="notify-push-enabled"
            label={t("noticeRules.admin.push")}
            checked={pushEnabled}
            onChecked={setPushEnabled}
          />
          <TextField
            id="notify-wait-hours"
            label={t("noticeRules.admin.waitLabel")}
            hint={t("noticeRules.admin.waitHint")}
            error={waitInvalid ? t("noticeRules.admin.waitInvalid") : undefined}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={3}
            value={wait}
            onValue={setWait}
          />
          {office.fields}
          <p className="actions">
            <button type="submit" className="button">
              {t("noticeRules.admin.save")}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
