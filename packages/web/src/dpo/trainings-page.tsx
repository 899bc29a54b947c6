// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TrainingAudience, TrainingOverview, TrainingParticipant } from "@obhut/protocol";
import { useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { DpoPage, download, type Ready } from "./dpo-shell";
import { formatDay, trainingsCsv } from "./trainings-format";
import { createTraining, trainings } from "./trainings-endpoints";
import "./trainings.css";
import { Outcome } from "../components/outcome";

/**
 * /dpo/trainings — training records (issue #21, ADR 0048): the DPO or an
 * admin sets up a training (title, content and/or link, refresh interval,
 * audience) and sees per training who confirmed until when, who is due and
 * who is overdue, with the counts; the overview downloads as CSV. Staff
 * confirm on their own page (/trainings). The server decides too.
 */
export function TrainingsPage() {
  const { t } = useT();
  return <DpoPage title={t("trainings.title")}>{(staff) => <Trainings staff={staff} />}</DpoPage>;
}

const INTERVALS = ["once", "6", "12", "24", "36"] as const;
const AUDIENCES: readonly TrainingAudience[] = ["all", "counsellor", "org_admin", "dpo", "report_office"];

const EMPTY = {
  title: "",
  content: "",
  link: "",
  interval: "12" as (typeof INTERVALS)[number],
  audience: "all" as TrainingAudience,
};

function Trainings({ staff }: { staff: Ready }) {
  const { t, i18n } = useT();
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const data = useLoad((signal) => api.request(trainings, { params: { orgId }, signal }), [api, orgId], {
    keep: true,
  });
  const [form, setForm] = useState(EMPTY);
  const set = (patch: Partial<typeof EMPTY>) => setForm((f) => ({ ...f, ...patch }));
  const create = useAction(async () => {
    await api.request(createTraining, {
      params: { orgId },
      body: {
        title: form.title,
        content: form.content,
        link: form.link.trim() === "" ? null : form.link.trim(),
        intervalMonths: form.interval === "once" ? null : Number(form.interval),
        audience: form.audience,
      },
    });
    setForm(EMPTY);
    await data.reload();
    return t("trainings.created");
  });
  const list = data.kind === "ready" ? data.value.trainings : [];
  const statusText = (s: TrainingParticipant["status"]) => t(`trainings.status.${s}`);
  const downloadCsv = () => {
    const h = (k: keyof typeof EMPTY_HEADERS) => t(`trainings.csvHeaders.${k}`);
    const headers = Object.keys(EMPTY_HEADERS).map((k) => h(k as keyof typeof EMPTY_HEADERS));
    // The role as the console names it ("Fachkraft"); an unknown one as stored.
    const roleText = (role: string) =>
      (["counsellor", "org_admin", "dpo", "report_office"] as const).includes(role as never)
        ? t(`admin.roles.${role as "counsellor" | "org_admin" | "dpo" | "report_office"}`)
        : role;
    download("\uFEFF" + trainingsCsv(list, headers, statusText, roleText), "text/csv;charset=utf-8", "schulungen.csv");
  };

  return (
    <Page title={t("trainings.title")} lead={t("trainings.lead")}>
      <form
        className="staff-form"
        aria-labelledby="training-new-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (!create.pending) void create.run();
        }}
      >
        <h2 id="training-new-heading">{t("trainings.newHeading")}</h2>
        <div className="field">
          <label htmlFor="training-title">{t("trainings.titleLabel")}</label>
          <input
            id="training-title"
            type="text"
            required
            maxLength={200}
            value={form.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="training-content">{t("trainings.content")}</label>
          <p className="field__hint" id="training-content-hint">
            {t("trainings.contentHint")}
          </p>
          <textarea
            id="training-content"
            rows={4}
            maxLength={10_000}
            aria-describedby="training-content-hint"
            value={form.content}
            onChange={(e) => set({ content: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="training-link">{t("trainings.link")}</label>
          <input
            id="training-link"
            type="url"
            inputMode="url"
            maxLength={500}
            value={form.link}
            onChange={(e) => set({ link: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="training-interval">{t("trainings.interval")}</label>
          <select
            id="training-interval"
            value={form.interval}
            onChange={(e) => set({ interval: e.target.value as (typeof INTERVALS)[number] })}
          >
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {t(`trainings.intervals.${i}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="training-audience">{t("trainings.audience")}</label>
          <select
            id="training-audience"
            value={form.audience}
            onChange={(e) => set({ audience: e.target.value as TrainingAudience })}
          >
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {t(`trainings.audiences.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={create.pending}>
            {t("trainings.create")}
          </button>
        </p>
        <Outcome error={create.error && t("dpo.failed", { code: create.error })} success={create.result} />
      </form>

      <section aria-labelledby="training-list-heading">
        <h2 id="training-list-heading">{t("trainings.listHeading")}</h2>
        {data.kind === "failed" ? (
          <p className="notice notice--error" role="status">
            {t("dpo.failed", { code: data.error })}
          </p>
        ) : data.kind === "loading" ? (
          <p role="status">{t("common.loading")}</p>
        ) : list.length === 0 ? (
          <p>{t("trainings.none")}</p>
        ) : (
          <>
            <p className="button-row">
              <button type="button" className="button" onClick={downloadCsv}>
                {t("trainings.csv")}
              </button>
            </p>
            {list.map((training) => (
              <TrainingCard key={training.id} training={training} language={i18n.language} />
            ))}
          </>
        )}
      </section>
    </Page>
  );
}

const EMPTY_HEADERS = { training: 0, name: 0, role: 0, status: 0, attendedOn: 0, validUntil: 0, dueOn: 0 };

function TrainingCard({ training, language }: { training: TrainingOverview; language: string }) {
  const { t } = useT();
  const headingId = `training-${training.id}`;
  const interval = training.intervalMonths === null ? "once" : String(training.intervalMonths);
  const intervalText = (INTERVALS as readonly string[]).includes(interval)
    ? t(`trainings.intervals.${interval as (typeof INTERVALS)[number]}`)
    : `${training.intervalMonths}`;
  const when = (p: TrainingParticipant) =>
    p.status === "confirmed"
      ? p.validUntil === null
        ? t("trainings.confirmedOnce", { date: formatDay(language, p.attendedOn ?? p.dueOn) })
        : t("trainings.confirmedUntil", { date: formatDay(language, p.validUntil) })
      : p.status === "due"
        ? t("trainings.dueBy", { date: formatDay(language, p.dueOn) })
        : t("trainings.overdueSince", { date: formatDay(language, p.dueOn) });
  return (
    <article className="training" aria-labelledby={headingId} data-testid="training">
      <h3 id={headingId}>{training.title}</h3>
      <p>{t("trainings.meta", { interval: intervalText, audience: t(`trainings.audiences.${training.audience}`) })}</p>
      <p data-testid="training-counts">{t("trainings.counts", training.counts)}</p>
      {training.participants.length === 0 ? (
        <p>{t("trainings.nobody")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
          <table className="data-table">
            <caption className="visually-hidden">{training.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("trainings.name")}</th>
                <th scope="col">{t("trainings.state")}</th>
                <th scope="col">{t("trainings.until")}</th>
              </tr>
            </thead>
            <tbody>
              {training.participants.map((p) => (
                <tr key={p.accountId} data-testid="training-participant" data-status={p.status}>
                  <th scope="row">{p.name}</th>
                  <td>{t(`trainings.status.${p.status}`)}</td>
                  <td>{when(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
