// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MyTraining } from "@obhut/protocol";
import { useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { confirmTraining, myTrainings } from "../dpo/trainings-endpoints";
import { formatDay, localToday } from "../dpo/trainings-format";
import "../dpo/trainings.css";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { StaffGate } from "./staff-gate";
import type { StaffState } from "./use-staff";
import { Outcome } from "../components/outcome";

type Ready = Extract<StaffState, { kind: "ready" }>;

/**
 * /trainings — "Schulungen" (issue #21, ADR 0048): the trainings meant for
 * the signed-in staff member with where they stand, and the form to confirm
 * "Teilgenommen am <Datum>" for oneself (as with the guideline). The server
 * records the confirmation for the session's account only, and audits it.
 */
export function MyTrainingsPage() {
  const { t } = useT();
  return <StaffGate title={t("myTrainings.title")}>{(staff) => <MyTrainings staff={staff} />}</StaffGate>;
}

function MyTrainings({ staff }: { staff: Ready }) {
  const { t } = useT();
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const data = useLoad((signal) => api.request(myTrainings, { params: { orgId }, signal }), [api, orgId], {
    keep: true,
  });
  const list = data.kind === "ready" ? data.value.trainings : [];
  return (
    <Page title={t("myTrainings.title")} lead={t("myTrainings.lead")}>
      {data.kind === "failed" ? (
        <p className="notice notice--error" role="status">
          {t("myTrainings.failed", { code: data.error })}
        </p>
      ) : data.kind === "loading" ? (
        <p role="status">{t("common.loading")}</p>
      ) : list.length === 0 ? (
        <p>{t("myTrainings.none")}</p>
      ) : (
        list.map((training) => (
          <TrainingItem
            key={training.id}
            training={training}
            onConfirm={async (attendedOn) => {
              await api.request(confirmTraining, { params: { orgId, trainingId: training.id }, body: { attendedOn } });
              await data.reload();
            }}
          />
        ))
      )}
    </Page>
  );
}

function TrainingItem({
  training,
  onConfirm,
}: {
  training: MyTraining;
  onConfirm: (attendedOn: string) => Promise<void>;
}) {
  const { t, i18n } = useT();
  const day = (d: string) => formatDay(i18n.language, d);
  const [attendedOn, setAttendedOn] = useState(localToday);
  const confirm = useAction(async () => {
    await onConfirm(attendedOn);
    return t("myTrainings.confirmed", { date: day(attendedOn) });
  });
  const id = (name: string) => `training-${training.id}-${name}`;
  const standing =
    training.status === "confirmed"
      ? training.validUntil === null
        ? t("myTrainings.confirmedOnce", { attended: day(training.attendedOn ?? training.dueOn) })
        : t("myTrainings.confirmedUntil", { attended: day(training.attendedOn ?? ""), until: day(training.validUntil) })
      : training.status === "due"
        ? t("myTrainings.due", { date: day(training.dueOn) })
        : t("myTrainings.overdue", { date: day(training.dueOn) });
  return (
    <article className="training" aria-labelledby={id("heading")} data-testid="my-training">
      <h2 id={id("heading")}>{training.title}</h2>
      {training.content.trim() === "" ? null : <p className="training__content">{training.content}</p>}
      {training.link === null ? null : (
        <p>
          <a href={training.link} target="_blank" rel="noopener noreferrer">
            {t("myTrainings.material")}
          </a>
        </p>
      )}
      <p className={training.status === "overdue" ? "notice notice--error" : "notice"} data-testid="my-training-status">
        {standing}
      </p>
      {training.status === "confirmed" && training.validUntil === null ? null : (
        <form
          className="staff-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!confirm.pending) void confirm.run();
          }}
        >
          <div className="field">
            <label htmlFor={id("attended")}>{t("myTrainings.attendedOn")}</label>
            <input
              id={id("attended")}
              type="date"
              required
              max={localToday()}
              value={attendedOn}
              onChange={(e) => setAttendedOn(e.target.value)}
            />
          </div>
          <p className="button-row">
            <button type="submit" className="button button--primary" aria-disabled={confirm.pending}>
              {training.status === "confirmed" ? t("myTrainings.again") : t("myTrainings.confirm")}
            </button>
          </p>
          <Outcome
            error={
              confirm.error &&
              (confirm.error === "training_date_in_future"
                ? t("myTrainings.futureDate")
                : t("myTrainings.failed", { code: confirm.error }))
            }
            success={confirm.result}
          />
        </form>
      )}
    </article>
  );
}
