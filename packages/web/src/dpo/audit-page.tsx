// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { AuditChain } from "./audit-chain";
import { AuditEntries } from "./audit-entries";
import { AuditFilters, EMPTY, type FilterForm, toQuery } from "./audit-filters";
import { BreakGlassList } from "./break-glass-list";
import { ArchiveAccessList } from "../archive-access/archive-access-list";
import { DpoPage, type Ready, download } from "./dpo-shell";
import { auditEntries, auditExport, auditStatus } from "./endpoints";

/**
 * /dpo/audit — the organisation's audit log for the DPO (admins read-only):
 * chain status, filters, paging, JSON-lines download of the filtered range,
 * and the break-glass accesses with their reasons.
 */
export function AuditPage() {
  const { t } = useT();
  return <DpoPage title={t("dpoAudit.title")}>{(staff) => <AuditLog staff={staff} />}</DpoPage>;
}

type Status = { kind: "error" | "success"; text: string } | null;

function AuditLog({ staff }: { staff: Ready }) {
  const { t } = useT();
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const canExport = staff.messaging.account.role === "dpo";
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<FilterForm>(EMPTY);

  const page = (filter: FilterForm, before?: number) =>
    api.request(auditEntries, {
      params: { orgId },
      query: { ...toQuery(filter), limit: 50, ...(before ? { before } : {}) },
    });
  // A new filter is a new object, so applying the same one again loads again; the entries stay until then.
  const list = useLoad(() => page(applied), [api, orgId, applied], { keep: true });
  // The chain check is optional information: without it the page still works.
  const chain = useLoad((signal) => api.request(auditStatus, { params: { orgId }, signal }), [api, orgId]);
  const more = useAction(async (before: number) => {
    const next = await page(applied, before);
    list.set((old) => ({ entries: [...old.entries, ...next.entries], nextBefore: next.nextBefore }));
  });
  const exporting = useAction(async (): Promise<Status> => {
    const answer = await api.request(auditExport, { params: { orgId }, query: toQuery(applied) });
    const lines = answer.entries.map((e) => JSON.stringify({ type: "entry", chain: answer.chain, ...e })).join("\n");
    download(lines + "\n", "application/x-ndjson", `audit-${orgId}-${new Date().toISOString().slice(0, 10)}.jsonl`);
    await list.reload();
    return answer.truncated
      ? { kind: "error", text: t("dpoAudit.truncated", { count: answer.entries.length }) }
      : { kind: "success", text: t("dpoAudit.exported", { count: answer.entries.length }) };
  });

  const load = (filter: FilterForm) => {
    more.reset();
    exporting.reset();
    setApplied({ ...filter });
  };
  const failure = exporting.error ?? more.error ?? (list.kind === "failed" ? list.error : null);
  const status: Status = failure
    ? {
        kind: "error",
        text: failure === "invalid_query" ? t("dpoAudit.invalidFilter") : t("dpo.failed", { code: failure }),
      }
    : (exporting.result ?? null);
  const nextBefore = list.kind === "ready" ? list.value.nextBefore : null;

  return (
    <Page title={t("dpoAudit.title")} lead={t("dpoAudit.lead")}>
      <AuditChain chain={chain.kind === "ready" ? chain.value : null} />
      <AuditFilters
        form={form}
        onForm={setForm}
        onApply={() => load(form)}
        onReset={() => {
          setForm(EMPTY);
          load(EMPTY);
        }}
        onExport={canExport ? () => void exporting.run() : null}
        exporting={exporting.pending}
      />
      <p className={!status ? "visually-hidden" : `notice notice--${status.kind}`} role="status">
        {status?.text ?? ""}
      </p>
      <section className="section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("dpoAudit.entriesHeading")}</h2>
        <AuditEntries entries={list.kind === "ready" ? list.value.entries : null} />
        {nextBefore !== null ? (
          <p>
            <button type="button" className="button" onClick={() => void more.run(nextBefore)}>
              {t("dpoAudit.more")}
            </button>
          </p>
        ) : null}
      </section>
      <BreakGlassList api={api} orgId={orgId} />
      <ArchiveAccessList api={api} orgId={orgId} canDecide={staff.messaging.account.role === "dpo"} />
    </Page>
  );
}
