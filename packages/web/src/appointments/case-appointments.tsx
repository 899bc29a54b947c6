// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffAppointment } from "@obhut/protocol";
import { useAction, useLoad } from "../api/use-action";
import type { ApiClient } from "../api/client";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { cancelAppointment, caseAppointments } from "./endpoints";
import { formatWhen } from "./format";

/**
 * A case's appointments (ADR 0052) on the client's case page and the
 * counsellor's: each with its time and kind and a way to cancel it, and for
 * the client the link to "Termin vereinbaren" while the case is open.
 */
export function CaseAppointments({
  api,
  caseId,
  bookLink,
}: {
  api: ApiClient;
  caseId: string;
  /** Where "Termin vereinbaren" leads (client only); null: no link. */
  bookLink: string | null;
}) {
  const { t } = useT();
  const data = useLoad((signal) => api.request(caseAppointments, { params: { caseId }, signal }), [api, caseId], {
    keep: true,
  });
  const cancel = useAction(async (appointment: StaffAppointment) => {
    await api.request(cancelAppointment, { params: { appointmentId: appointment.id } });
    await data.reload();
    return t("clientAppointments.cancelled");
  });
  if (data.kind !== "ready") return null;
  const { appointments } = data.value;
  // Staff see the section only when there is something to see.
  if (bookLink === null && appointments.length === 0) return null;
  return (
    <section className="case-appointments" aria-labelledby="case-appointments-heading">
      <h2 id="case-appointments-heading">{t("clientAppointments.section")}</h2>
      {appointments.length === 0 ? <p>{t("clientAppointments.none")}</p> : null}
      <ul className="case-appointments__list">
        {appointments.map((a) => (
          <AppointmentItem key={a.id} appointment={a} onCancel={() => void cancel.run(a)} pending={cancel.pending} />
        ))}
      </ul>
      <p
        className={cancel.error ? "notice notice--error" : cancel.result ? "notice notice--success" : "visually-hidden"}
        role="status"
      >
        {cancel.error ? t("clientAppointments.failed", { code: cancel.error }) : (cancel.result ?? "")}
      </p>
      {bookLink !== null && data.value.bookable ? (
        <p>
          <Link to={bookLink} className="button">
            {t("clientAppointments.book")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function AppointmentItem({
  appointment,
  onCancel,
  pending,
}: {
  appointment: StaffAppointment;
  onCancel: () => void;
  pending: boolean;
}) {
  const { t, i18n } = useT();
  const text = t("clientAppointments.item", {
    when: formatWhen(i18n.language, appointment.startsAt),
    kind: t(`clientAppointments.kind.${appointment.kind}`),
  });
  return (
    <li>
      <span data-testid="appointment">{text}</span>{" "}
      <button
        type="button"
        className="link-button"
        aria-disabled={pending}
        aria-label={`${t("clientAppointments.cancel")}: ${text}`}
        onClick={onCancel}
      >
        {t("clientAppointments.cancel")}
      </button>
    </li>
  );
}
