// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ProcessorView } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import { formatDateTime } from "../staff/format";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { StatusMessage, useStatusAction } from "./admin-status";
import { EMPTY_PROCESSOR, type ProcessorDraft, toProcessorDraft, toProcessorInput } from "./processor-draft";
import { archiveProcessor, createProcessor, listProcessors, updateProcessor } from "./processor-endpoints";
import { ProcessorForm } from "./processor-form";
import "./processors.css";

/**
 * /admin/processors — the processor register (Art. 28 GDPR, ADR 0049): who
 * processes data on the organisation's behalf, where, under which contract
 * and safeguard, with which sub-processors, and when it is next reviewed.
 * Add, edit, archive (never delete); the Art. 30 record lists the active ones.
 */
export function ProcessorsPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("processors.title")} lead={t("processors.lead")}>
      {(admin) => <Processors admin={admin} />}
    </AdminPage>
  );
}

function Processors({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad((signal) => api.request(listProcessors, { params: { orgId }, signal }), [api, orgId]);
  const all = data.kind === "ready" ? data.value.processors : data.kind === "failed" ? [] : null;
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<ProcessorDraft>(EMPTY_PROCESSOR);
  const { status, run } = useStatusAction((code) =>
    code === "processor_safeguard_required" ? t("processors.safeguardRequired") : undefined,
  );
  const set = <K extends keyof ProcessorDraft>(key: K, value: ProcessorDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const stopEditing = () => {
    setEditing(null);
    setDraft(EMPTY_PROCESSOR);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = toProcessorInput(draft);
    const ok = await run(t("admin.working"), t("processors.saved", { name: body.name.trim() }), async () => {
      if (editing) await api.request(updateProcessor, { params: { orgId, processorId: editing }, body });
      else await api.request(createProcessor, { params: { orgId }, body });
      await data.reload();
    });
    if (ok) stopEditing();
  };

  const archive = (p: ProcessorView) =>
    void run(t("admin.working"), t("processors.archived", { name: p.name }), async () => {
      await api.request(archiveProcessor, { params: { orgId, processorId: p.id } });
      if (editing === p.id) stopEditing();
      await data.reload();
    });

  const active = (all ?? []).filter((p) => p.archivedAt === null);
  const archived = (all ?? []).filter((p) => p.archivedAt !== null);
  return (
    <>
      <StatusMessage status={status} />
      <section className="section" aria-labelledby="processors-heading">
        <h2 id="processors-heading">{t("processors.listHeading")}</h2>
        {all === null ? <p>{t("admin.loading")}</p> : null}
        {all !== null && active.length === 0 ? <p>{t("processors.none")}</p> : null}
        <ul className="admin-list">
          {active.map((p) => (
            <ProcessorCard
              key={p.id}
              processor={p}
              onEdit={() => {
                setEditing(p.id);
                setDraft(toProcessorDraft(p));
                document.getElementById("processor-name")?.focus();
              }}
              onArchive={() => archive(p)}
            />
          ))}
        </ul>
      </section>
      <ProcessorForm
        draft={draft}
        set={set}
        editing={editing !== null}
        onSubmit={(e) => void save(e)}
        onCancel={stopEditing}
      />
      {archived.length > 0 ? (
        <section className="section" aria-labelledby="processors-archived-heading">
          <h2 id="processors-archived-heading">{t("processors.archivedHeading")}</h2>
          <ul className="admin-list">
            {archived.map((p) => (
              <ProcessorCard key={p.id} processor={p} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** A calendar date (YYYY-MM-DD) in the page's language. */
function formatDay(language: string, day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(language, { timeZone: "UTC", dateStyle: "medium" });
}

function ProcessorCard({
  processor: p,
  onEdit,
  onArchive,
}: {
  processor: ProcessorView;
  onEdit?: () => void;
  onArchive?: () => void;
}) {
  const { t, i18n } = useT();
  const language = i18n.language;
  const day = (d: string | null) => (d === null ? "–" : formatDay(language, d));
  return (
    <li className="admin-card">
      <h3>
        {p.name}
        {p.reviewDue ? <span className="processor-due">{t("processors.reviewDue")}</span> : null}
      </h3>
      <dl className="admin-facts">
        <dt>{t("processors.service")}</dt>
        <dd>{p.service}</dd>
        <dt>{t("processors.location")}</dt>
        <dd>{p.country ? `${p.location} (${p.country})` : p.location}</dd>
        <dt>{t("processors.transfer")}</dt>
        <dd>
          {p.thirdCountryTransfer && p.safeguard
            ? t("processors.transferYes", { safeguard: t(`processors.safeguards.${p.safeguard}`) })
            : t("processors.transferNo")}
        </dd>
        <dt>{t("processors.contractDate")}</dt>
        <dd>{p.contractDate === null ? t("processors.noContract") : day(p.contractDate)}</dd>
        <dt>{t("processors.reviewDate")}</dt>
        <dd>{day(p.reviewDate)}</dd>
        <dt>{t("processors.subProcessors")}</dt>
        <dd>{p.subProcessors.map((s) => `${s.name} (${s.country})`).join(", ") || "–"}</dd>
        {p.notes.trim() !== "" ? (
          <>
            <dt>{t("processors.notes")}</dt>
            <dd className="processor-notes">{p.notes}</dd>
          </>
        ) : null}
        {p.archivedAt !== null ? (
          <>
            <dt>{t("processors.archivedAt")}</dt>
            <dd>{formatDateTime(language, p.archivedAt)}</dd>
          </>
        ) : null}
      </dl>
      {onEdit && onArchive ? (
        <p className="button-row">
          <button
            type="button"
            className="button"
            aria-label={t("processors.editLabel", { name: p.name })}
            onClick={onEdit}
          >
            {t("processors.edit")}
          </button>
          <button
            type="button"
            className="button"
            aria-label={t("processors.archiveLabel", { name: p.name })}
            onClick={onArchive}
          >
            {t("processors.archive")}
          </button>
        </p>
      ) : null}
    </li>
  );
}
