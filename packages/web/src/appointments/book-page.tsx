// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppointmentKind, FreeSlot } from "@obhut/protocol";
import { useState } from "react";
import { useClientAddressForm } from "../account/client-address-form";
import { useAction, useLoad } from "../api/use-action";
import type { ApiClient } from "../api/client";
import { Page } from "../components/page";
import { idParam, useQueryParams } from "../counselling/query";
import { useTFor } from "../counselling/use-t-for";
import { useSession } from "../keys/use-session";
import { messagingFor } from "../messaging/session";
import { Link, useRouter } from "../router/router";
import { bookAppointment, caseAppointments } from "./endpoints";
import { formatDayHeading, formatTime, formatWhen } from "./format";
import "./appointments.css";

const KINDS: AppointmentKind[] = ["video", "phone", "on_site"];

/**
 * /case/appointment?id=… — "Termin vereinbaren" (issue #20, ADR 0052): the
 * client chooses how to talk (video, phone, on site) and one of the free slots
 * of their counsellor for the next 14 days, grouped by day, and books it. A
 * slot someone else took meanwhile, or one that has begun, is said plainly and
 * the list is fetched again.
 */
export function BookAppointmentPage() {
  const session = useSession();
  const caseId = idParam(useQueryParams(), "id");
  const { t } = useTFor(useClientAddressForm()?.chosen ?? undefined);
  if (!session || !caseId) {
    return (
      <Page title={t("clientAppointments.title")}>
        <p className="notice notice--error">{t("clientCase.loadFailed")}</p>
      </Page>
    );
  }
  return <Booking api={messagingFor(session).api} caseId={caseId} />;
}

function Booking({ api, caseId }: { api: ApiClient; caseId: string }) {
  const { t, i18n } = useTFor(useClientAddressForm()?.chosen ?? undefined);
  const { navigate } = useRouter();
  const back = `/case?id=${encodeURIComponent(caseId)}`;
  const data = useLoad((signal) => api.request(caseAppointments, { params: { caseId }, signal }), [api, caseId], {
    keep: true,
  });
  const free = data.kind === "ready" ? data.value.free : [];
  const offered = KINDS.filter((k) => free.some((s) => s.kinds.includes(k)));
  const [kind, setKind] = useState<AppointmentKind | null>(null);
  const chosenKind = kind !== null && offered.includes(kind) ? kind : (offered[0] ?? null);
  const [slot, setSlot] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const book = useAction(async (startsAt: number, k: AppointmentKind) => {
    await api.request(bookAppointment, { params: { caseId }, body: { startsAt, kind: k } });
    navigate(back);
    return t("clientAppointments.booked");
  });
  const shown = free.filter((s) => chosenKind !== null && s.kinds.includes(chosenKind));
  const days = groupByDay(shown, i18n.language);
  const errorText = (code: string) =>
    code === "appointment_slot_taken"
      ? t("clientAppointments.taken")
      : code === "appointment_in_past"
        ? t("clientAppointments.past")
        : code === "appointment_slot_unavailable"
          ? t("clientAppointments.unavailable")
          : t("clientAppointments.failed", { code });

  return (
    <Page title={t("clientAppointments.title")} lead={t("clientAppointments.lead")}>
      <p>
        <Link to={back}>{t("clientAppointments.back")}</Link>
      </p>
      <p className="notice">
        {t("clientAppointments.privacy")} {t("clientAppointments.timeZone")}
      </p>
      {data.kind === "loading" ? <p role="status">{t("common.loading")}</p> : null}
      {data.kind === "failed" ? (
        <p className="notice notice--error" role="alert">
          {t("clientAppointments.failed", { code: data.error })}
        </p>
      ) : null}
      {data.kind === "ready" && !data.value.bookable ? <p>{t("clientAppointments.notBookable")}</p> : null}
      {data.kind === "ready" && data.value.bookable && free.length === 0 ? (
        <p>{t("clientAppointments.noSlots")}</p>
      ) : null}
      {free.length > 0 && chosenKind !== null ? (
        <form
          className="booking"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = shown.find((s) => s.startsAt === slot);
            setMissing(!chosen);
            if (!chosen || book.pending) return;
            void book.run(chosen.startsAt, chosenKind).then((outcome) => {
              if (!outcome.ok) {
                setSlot(null);
                void data.reload();
              }
            });
          }}
        >
          <fieldset className="booking__kinds">
            <legend>{t("clientAppointments.kindLegend")}</legend>
            {offered.map((k) => (
              <label key={k} className="choice">
                <input
                  type="radio"
                  name="appointment-kind"
                  value={k}
                  checked={chosenKind === k}
                  onChange={() => setKind(k)}
                />{" "}
                {t(`clientAppointments.kind.${k}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="booking__slots">
            <legend>{t("clientAppointments.slotLegend")}</legend>
            {days.map(({ heading, slots }) => (
              <div key={heading} className="booking__day" role="group" aria-label={heading}>
                <p className="booking__day-heading" aria-hidden="true">
                  {heading}
                </p>
                {slots.map((s) => (
                  <label key={s.startsAt} className="choice booking__slot">
                    <input
                      type="radio"
                      name="appointment-slot"
                      value={s.startsAt}
                      checked={slot === s.startsAt}
                      aria-label={formatWhen(i18n.language, s.startsAt)}
                      onChange={() => setSlot(s.startsAt)}
                    />{" "}
                    {formatTime(i18n.language, s.startsAt)}
                  </label>
                ))}
              </div>
            ))}
          </fieldset>
          <p className="button-row">
            <button type="submit" className="button button--primary" aria-disabled={book.pending}>
              {t("clientAppointments.submit")}
            </button>
          </p>
          <p
            className={book.error || missing ? "notice notice--error" : "visually-hidden"}
            role="status"
            data-testid="booking-status"
          >
            {book.error ? errorText(book.error) : missing ? t("clientAppointments.chooseSlot") : ""}
          </p>
        </form>
      ) : null}
    </Page>
  );
}

function groupByDay(slots: FreeSlot[], language: string): { heading: string; slots: FreeSlot[] }[] {
  const days: { heading: string; slots: FreeSlot[] }[] = [];
  for (const s of slots) {
    const heading = formatDayHeading(language, s.startsAt);
    const last = days[days.length - 1];
    if (last && last.heading === heading) last.slots.push(s);
    else days.push({ heading, slots: [s] });
  }
  return days;
}
