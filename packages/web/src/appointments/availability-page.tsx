// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppointmentKind, MyAvailability } from "@obhut/protocol";
import { useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import type { ApiClient } from "../api/client";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { StaffGate } from "../staff/staff-gate";
import {
  cancelAppointment,
  createCalendarFeed,
  myAvailability,
  revokeCalendarFeed,
  saveAvailability,
} from "./endpoints";
import { formatWhen, minutesOf, timeOfMinutes } from "./format";
import { AvailabilityForm, type SlotDraft } from "./availability-form";
import "./appointments.css";

/**
 * /appointments — "Termine" (issue #20, ADR 0052): a counsellor's next
 * appointments (with the case each belongs to), their weekly time windows and
 * days off, and their content-free calendar subscription.
 */
export function AppointmentsPage() {
  const { t } = useT();
  return <StaffGate title={t("appointments.title")}>{(staff) => <Appointments api={staff.messaging.api} />}</StaffGate>;
}

function draftsOf(value: MyAvailability): SlotDraft[] {
  return value.slots.map((s) => ({
    weekday: s.weekday,
    start: timeOfMinutes(s.startMinute),
    end: timeOfMinutes(s.endMinute),
    slotMinutes: s.slotMinutes,
    kinds: s.kinds,
  }));
}

function Appointments({ api }: { api: ApiClient }) {
  const { t, i18n } = useT();
  const data = useLoad((signal) => api.request(myAvailability, { signal }), [api], { keep: true });
  const cancel = useAction(async (appointmentId: string) => {
    await api.request(cancelAppointment, { params: { appointmentId } });
    await data.reload();
    return t("appointments.cancelled");
  });
  const save = useAction(async (slots: SlotDraft[], daysOff: string[]) => {
    const value = await api.request(saveAvailability, {
      body: {
        slots: slots.map((s) => ({
          weekday: s.weekday,
          startMinute: minutesOf(s.start),
          endMinute: minutesOf(s.end),
          slotMinutes: s.slotMinutes,
          kinds: s.kinds as AppointmentKind[],
        })),
        daysOff,
      },
    });
    data.set(value);
    return t("appointments.saved");
  });
  if (data.kind === "loading")
    return (
      <Page title={t("appointments.title")}>
        <p role="status">{t("common.loading")}</p>
      </Page>
    );
  if (data.kind === "failed")
    return (
      <Page title={t("appointments.title")}>
        <p className="notice notice--error" role="alert">
          {t("appointments.failed", { code: data.error })}
        </p>
      </Page>
    );
  const value = data.value;
  return (
    <Page title={t("appointments.title")} lead={t("appointments.lead")}>
      <section aria-labelledby="appointments-upcoming">
        <h2 id="appointments-upcoming">{t("appointments.upcoming")}</h2>
        {value.appointments.length === 0 ? <p>{t("appointments.noUpcoming")}</p> : null}
        <ul className="appointments__list">
          {value.appointments.map((a) => {
            const text = `${formatWhen(i18n.language, a.startsAt)} · ${t(`appointments.kind.${a.kind}`)}`;
            return (
              <li key={a.id}>
                <span data-testid="staff-appointment">{text}</span>{" "}
                <Link to={`/inbox/case?id=${encodeURIComponent(a.caseId)}`}>{t("appointments.openCase")}</Link>{" "}
                <button
                  type="button"
                  className="link-button"
                  aria-disabled={cancel.pending}
                  aria-label={`${t("appointments.cancel")}: ${text}`}
                  onClick={() => void cancel.run(a.id)}
                >
                  {t("appointments.cancel")}
                </button>
              </li>
            );
          })}
        </ul>
        <p
          className={
            cancel.error ? "notice notice--error" : cancel.result ? "notice notice--success" : "visually-hidden"
          }
          role="status"
        >
          {cancel.error ? t("appointments.failed", { code: cancel.error }) : (cancel.result ?? "")}
        </p>
      </section>
      <AvailabilityForm
        key={value.slots.length + value.daysOff.join()}
        initialSlots={draftsOf(value)}
        initialDaysOff={value.daysOff}
        pending={save.pending}
        onSave={(slots, daysOff) => save.run(slots, daysOff)}
        status={save.error ? t("appointments.failed", { code: save.error }) : (save.result ?? null)}
        failed={save.error !== null}
      />
      <CalendarFeedSection api={api} createdAt={value.feedCreatedAt} onChange={() => void data.reload()} />
    </Page>
  );
}

function CalendarFeedSection({
  api,
  createdAt,
  onChange,
}: {
  api: ApiClient;
  createdAt: number | null;
  onChange: () => void;
}) {
  const { t, i18n } = useT();
  const [address, setAddress] = useState<string | null>(null);
  const make = useAction(async () => {
    const made = await api.request(createCalendarFeed);
    setAddress(new URL(made.path, window.location.origin).toString());
    onChange();
    return "";
  });
  const revoke = useAction(async () => {
    await api.request(revokeCalendarFeed);
    setAddress(null);
    onChange();
    return t("appointments.feedRevoked");
  });
  const error = make.error ?? revoke.error;
  return (
    <section aria-labelledby="appointments-feed">
      <h2 id="appointments-feed">{t("appointments.feed")}</h2>
      <p>{t("appointments.feedLead")}</p>
      <p>
        {createdAt === null
          ? t("appointments.feedNone")
          : t("appointments.feedSince", { date: new Intl.DateTimeFormat(i18n.language).format(createdAt) })}
      </p>
      {address !== null ? (
        <p>
          <span>{t("appointments.feedAddress")}: </span>
          <code className="appointments__feed-url" data-testid="feed-address">
            {address}
          </code>
        </p>
      ) : null}
      <p className="button-row">
        <button type="button" className="button" aria-disabled={make.pending} onClick={() => void make.run()}>
          {createdAt === null ? t("appointments.feedCreate") : t("appointments.feedRenew")}
        </button>
        {createdAt !== null ? (
          <button type="button" className="button" aria-disabled={revoke.pending} onClick={() => void revoke.run()}>
            {t("appointments.feedRevoke")}
          </button>
        ) : null}
      </p>
      <p
        className={error ? "notice notice--error" : revoke.result ? "notice notice--success" : "visually-hidden"}
        role="status"
      >
        {error ? t("appointments.failed", { code: error }) : (revoke.result ?? "")}
      </p>
    </section>
  );
}
