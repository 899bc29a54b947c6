// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AuditEntryView, AuditStatusView } from "@obhut/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Page } from "../components/page";
import { formatDateTime } from "../staff/format";
import { errorCode } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import { BreakGlassList } from "./break-glass-list";
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

interface FilterForm {
  from: string;
  to: string;
  action: string;
  actorId: string;
  targetType: string;
  targetId: string;
}
const EMPTY: FilterForm = { from: "", to: "", action: "", actorId: "", targetType: "", targetId: "" };
type Status = { kind: "error" | "success"; text: string } | null;

/** The form as the API's query: datetime-local values are the browser's local time. */
function toQuery(f: FilterForm) {
  const ms = (v: string) => (v === "" ? undefined : new Date(v).getTime());
  const text = (v: string) => (v.trim() === "" ? undefined : v.trim());
  const query = {
    from: ms(f.from),
    to: ms(f.to),
    action: text(f.action),
    actorId: text(f.actorId),
    targetType: text(f.targetType),
    targetId: text(f.targetId),
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Partial<typeof query>;
}

function AuditLog({ staff }: { staff: Ready }) {
  const { t, i18n } = useT();
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const canExport = staff.messaging.account.role === "dpo";
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<FilterForm>(EMPTY);
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [chain, setChain] = useState<AuditStatusView | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const fail = useCallback(
    (error: unknown) => {
      const code = errorCode(error);
      setStatus({
        kind: "error",
        text: code === "invalid_query" ? t("dpoAudit.invalidFilter") : t("dpo.failed", { code }),
      });
    },
    [t],
  );

  const load = useCallback(
    async (filter: FilterForm, before?: number) => {
      const answer = await api.request(auditEntries, {
        params: { orgId },
        query: { ...toQuery(filter), limit: 50, ...(before ? { before } : {}) },
      });
      setEntries((old) => (before && old ? [...old, ...answer.entries] : answer.entries));
      setNextBefore(answer.nextBefore);
    },
    [api, orgId],
  );

  useEffect(() => {
    load(EMPTY).catch(fail);
    api
      .request(auditStatus, { params: { orgId } })
      .then(setChain)
      .catch(() => setChain(null));
  }, [api, orgId, load, fail]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setApplied(form);
    load(form).catch(fail);
  };

  const exportRange = async () => {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    try {
      const answer = await api.request(auditExport, { params: { orgId }, query: toQuery(applied) });
      const lines = answer.entries.map((e) => JSON.stringify({ type: "entry", chain: answer.chain, ...e })).join("\n");
      download(lines + "\n", "application/x-ndjson", `audit-${orgId}-${new Date().toISOString().slice(0, 10)}.jsonl`);
      setStatus(
        answer.truncated
          ? { kind: "error", text: t("dpoAudit.truncated", { count: answer.entries.length }) }
          : { kind: "success", text: t("dpoAudit.exported", { count: answer.entries.length }) },
      );
      await load(applied);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof FilterForm, label: string, type = "text", hint?: string) => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <input
        id={`audit-${key}`}
        type={type}
        value={form[key]}
        aria-describedby={hint ? `audit-${key}-hint` : undefined}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
      {hint ? (
        <p id={`audit-${key}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <Page title={t("dpoAudit.title")} lead={t("dpoAudit.lead")}>
      <section className="section" aria-labelledby="chain-heading">
        <h2 id="chain-heading">{t("dpoAudit.chainHeading")}</h2>
        {chain ? (
          <div className={`notice ${chain.ok ? "notice--success" : "notice--error"}`} data-testid="chain-status">
            <p>
              {chain.ok
                ? t("dpoAudit.chainOk", {
                    entries: chain.entries,
                    at: formatDateTime(i18n.language, chain.verifiedAt),
                  })
                : t("dpoAudit.chainBroken", { count: chain.problems.length })}
            </p>
            <p>
              {chain.lastAnchorAt === null
                ? t("dpoAudit.anchorNever")
                : t("dpoAudit.anchorLine", {
                    seq: chain.anchoredSeq,
                    at: formatDateTime(i18n.language, chain.lastAnchorAt),
                  })}
            </p>
          </div>
        ) : (
          <p role="status">{t("common.loading")}</p>
        )}
      </section>
      <form className="staff-form audit-filters" onSubmit={apply} aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t("dpoAudit.filters")}</h2>
        <div className="audit-filters__grid">
          {field("from", t("dpoAudit.from"), "datetime-local")}
          {field("to", t("dpoAudit.to"), "datetime-local")}
          {field("action", t("dpoAudit.action"), "text", t("dpoAudit.actionHint"))}
          {field("actorId", t("dpoAudit.actor"))}
          {field("targetType", t("dpoAudit.targetType"))}
          {field("targetId", t("dpoAudit.targetId"))}
        </div>
        <p className="button-row">
          <button type="submit" className="button button--primary">
            {t("dpoAudit.apply")}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setForm(EMPTY);
              setApplied(EMPTY);
              load(EMPTY).catch(fail);
            }}
          >
            {t("dpoAudit.reset")}
          </button>
          {canExport ? (
            <button type="button" className="button" aria-disabled={busy} onClick={() => void exportRange()}>
              {t("dpoAudit.export")}
            </button>
          ) : null}
        </p>
      </form>
      <p className={!status ? "visually-hidden" : `notice notice--${status.kind}`} role="status">
        {status?.text ?? ""}
      </p>
      <section className="section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("dpoAudit.entriesHeading")}</h2>
        {entries === null ? (
          <p role="status">{t("common.loading")}</p>
        ) : entries.length === 0 ? (
          <p>{t("dpoAudit.none")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="entries-heading">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("dpoAudit.colSeq")}</th>
                  <th scope="col">{t("dpoAudit.colAt")}</th>
                  <th scope="col">{t("dpoAudit.colActor")}</th>
                  <th scope="col">{t("dpoAudit.colAction")}</th>
                  <th scope="col">{t("dpoAudit.colTarget")}</th>
                  <th scope="col">{t("dpoAudit.colData")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.seq} data-testid="audit-entry" data-action={e.action}>
                    <td>{e.seq}</td>
                    <td>{formatDateTime(i18n.language, e.at)}</td>
                    <td>{e.actorName ?? e.actorId ?? t("dpoAudit.system")}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</td>
                    <td className="data-table__data">
                      {Object.entries(e.data)
                        .map(([k, v]) => `${k}: ${String(v)}`)
                        .join(", ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextBefore !== null ? (
          <p>
            <button type="button" className="button" onClick={() => void load(applied, nextBefore).catch(fail)}>
              {t("dpoAudit.more")}
            </button>
          </p>
        ) : null}
      </section>
      <BreakGlassList api={api} orgId={orgId} />
    </Page>
  );
}
