// SPDX-License-Identifier: AGPL-3.0-or-later
import { DSR_LIMITS, type DsrRequestView, type DsrSubject, type DsrType, type RestrictionView } from "@obhut/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Page } from "../components/page";
import { StaffGate } from "../staff/staff-gate";
import { type StaffState, errorCode } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import {
  closeDsrRequest,
  createDsrRequest,
  dsrReport,
  dsrRequests,
  extendDsrRequest,
  liftRestriction,
  restrictions as listRestrictions,
  setRestriction,
} from "./endpoints";
import "./dsr.css";

/**
 * Data-subject requests received elsewhere, for the DPO and admins (issue
 * 7.5): register with the day of receipt (due one month later), extend by
 * one or two months with a reason, close as done or refused with a reason;
 * the overview shows what is due soon or overdue (the reminders the daily
 * job records). Restrictions of processing (Art. 18) are set and lifted here.
 */
export function DsrPage() {
  const { t } = useT();
  return <StaffGate title={t("dsr.title")}>{(staff) => <Dsr staff={staff} />}</StaffGate>;
}

type Ready = Extract<StaffState, { kind: "ready" }>;
type Status = { kind: "error" | "success"; text: string } | null;
type Report = { byStatus: Record<string, number>; dueSoon: number; overdue: number; closedLate: number };

const TYPES: DsrType[] = ["access", "erasure", "rectification", "restriction", "portability", "objection"];

function Dsr({ staff }: { staff: Ready }) {
  const { t, i18n } = useT();
  const session = useSession();
  const role = session?.account.role;
  const allowed = role === "org_admin" || role === "dpo";
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const [requests, setRequests] = useState<DsrRequestView[] | null>(null);
  const [today, setToday] = useState<string>("");
  const [report, setReport] = useState<Report | null>(null);
  const [active, setActive] = useState<RestrictionView[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const day = (d: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`));

  const load = useCallback(async () => {
    const [list, rep, rs] = await Promise.all([
      api.request(dsrRequests, { params: { orgId }, query: {} }),
      api.request(dsrReport, { params: { orgId } }),
      api.request(listRestrictions, { params: { orgId } }),
    ]);
    setRequests(list.requests);
    setToday(list.today);
    setReport(rep);
    setActive(rs.restrictions);
  }, [api, orgId]);

  useEffect(() => {
    if (!allowed) return;
    load().catch((error: unknown) => setStatus({ kind: "error", text: t("dsr.failed", { code: errorCode(error) }) }));
  }, [load, allowed, t]);

  const act = async (work: () => Promise<string>) => {
    if (busy) return false;
    setBusy(true);
    setStatus(null);
    try {
      const text = await work();
      await load();
      setStatus({ kind: "success", text });
      return true;
    } catch (error) {
      setStatus({ kind: "error", text: t("dsr.failed", { code: errorCode(error) }) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!allowed) {
    return (
      <Page title={t("dsr.title")}>
        <p className="notice">{t("dsr.needRole")}</p>
      </Page>
    );
  }

  const subjectText = (s: DsrSubject) =>
    s.type === "client"
      ? t("dsr.subject.client", { id: s.clientId })
      : s.type === "case"
        ? t("dsr.subject.case", { id: s.caseId })
        : t("dsr.subject.reference", { ref: s.reference });

  return (
    <Page title={t("dsr.title")} lead={t("dsr.lead")}>
      <p className={!status ? "visually-hidden" : `notice notice--${status.kind}`} role="status">
        {status?.text ?? ""}
      </p>
      <section aria-labelledby="dsr-summary-heading">
        <h2 id="dsr-summary-heading">{t("dsr.summaryHeading")}</h2>
        {report ? (
          <p>
            {t("dsr.summary", {
              open: report.byStatus.open ?? 0,
              extended: report.byStatus.extended ?? 0,
              dueSoon: report.dueSoon,
              overdue: report.overdue,
              closedLate: report.closedLate,
            })}
          </p>
        ) : (
          <p role="status">{t("common.loading")}</p>
        )}
      </section>
      <section aria-labelledby="dsr-list-heading">
        <h2 id="dsr-list-heading">{t("dsr.listHeading")}</h2>
        {requests === null ? null : requests.length === 0 ? (
          <p>{t("dsr.none")}</p>
        ) : (
          <div className="dsr-table-wrap" tabIndex={0} role="region" aria-labelledby="dsr-list-heading">
            <table className="dsr-table">
              <thead>
                <tr>
                  <th scope="col">{t("dsr.col.type")}</th>
                  <th scope="col">{t("dsr.col.subject")}</th>
                  <th scope="col">{t("dsr.col.received")}</th>
                  <th scope="col">{t("dsr.col.due")}</th>
                  <th scope="col">{t("dsr.col.status")}</th>
                  <th scope="col">{t("dsr.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id} data-request={r.id}>
                    <td>{t(`dsr.type.${r.type}`)}</td>
                    <td>{subjectText(r.subject)}</td>
                    <td>{day(r.receivedOn)}</td>
                    <td>
                      {day(r.dueOn)}
                      {r.attention ? (
                        <>
                          {" "}
                          <span className="dsr-attention">({t(`dsr.attention.${r.attention}`)})</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {t(`dsr.status.${r.status}`)}
                      {r.extensionReason ? (
                        <p>{t("dsr.extendedBy", { months: r.extensionMonths, reason: r.extensionReason })}</p>
                      ) : null}
                      {r.closedReason ? <p>{t("dsr.closedWith", { reason: r.closedReason })}</p> : null}
                    </td>
                    <td>
                      {r.status === "open" || r.status === "extended" ? (
                        <RequestActions
                          request={r}
                          label={t("dsr.actionsFor", { date: day(r.receivedOn) })}
                          busy={busy}
                          onExtend={(months, reason) =>
                            act(async () => {
                              const res = await api.request(extendDsrRequest, {
                                params: { orgId, requestId: r.id },
                                body: { months, reason },
                              });
                              return t("dsr.extended", { due: day(res.request.dueOn) });
                            })
                          }
                          onClose={(outcome, reason) =>
                            act(async () => {
                              await api.request(closeDsrRequest, {
                                params: { orgId, requestId: r.id },
                                body: reason ? { outcome, reason } : { outcome },
                              });
                              return t("dsr.closed");
                            })
                          }
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <RegisterForm
        today={today}
        busy={busy}
        onSubmit={(body) =>
          act(async () => {
            const res = await api.request(createDsrRequest, { params: { orgId }, body });
            return t("dsr.registered", { due: day(res.request.dueOn) });
          })
        }
      />
      <Restrictions
        active={active}
        busy={busy}
        subjectText={(r) => subjectText(r.subject)}
        date={(ms) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" }).format(new Date(ms))}
        onSet={(subject, reason) =>
          act(async () => {
            await api.request(setRestriction, { params: { orgId }, body: { subject, reason } });
            return t("dsr.restricted");
          })
        }
        onLift={(id) =>
          act(async () => {
            await api.request(liftRestriction, { params: { orgId, restrictionId: id } });
            return t("dsr.lifted");
          })
        }
      />
    </Page>
  );
}

function RequestActions(props: {
  request: DsrRequestView;
  label: string;
  busy: boolean;
  onExtend: (months: number, reason: string) => Promise<boolean>;
  onClose: (outcome: "done" | "refused", reason?: string) => Promise<boolean>;
}) {
  const { t } = useT();
  const r = props.request;
  const left = DSR_LIMITS.maxExtensionMonths - r.extensionMonths;
  const [months, setMonths] = useState(1);
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState(false);
  const reasonId = `dsr-reason-${r.id}`;
  const withReason = async (work: (reason: string) => Promise<boolean>) => {
    if (reason.trim().length < DSR_LIMITS.reasonMinChars) {
      setInvalid(true);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setInvalid(false);
    if (await work(reason.trim())) setReason("");
  };
  return (
    <div className="dsr-request-actions" role="group" aria-label={props.label}>
      <div className={invalid ? "field field--invalid" : "field"}>
        <label htmlFor={reasonId}>{t("dsr.reasonLabel")}</label>
        {invalid ? (
          <p id={`${reasonId}-error`} className="field__error">
            {t("dsr.errors.reasonShort")}
          </p>
        ) : null}
        <textarea
          id={reasonId}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${reasonId}-error` : undefined}
        />
      </div>
      {left > 0 ? (
        <div className="field">
          <label htmlFor={`dsr-months-${r.id}`}>{t("dsr.extendLabel")}</label>
          <select id={`dsr-months-${r.id}`} value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            <option value={1}>{t("dsr.months.one")}</option>
            {left > 1 ? <option value={2}>{t("dsr.months.two")}</option> : null}
          </select>
          <button
            type="button"
            className="button"
            aria-disabled={props.busy}
            onClick={() => void withReason((text) => props.onExtend(Math.min(months, left), text))}
          >
            {t("dsr.extend")}
          </button>
        </div>
      ) : null}
      <div className="dsr-actions">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={props.busy}
          onClick={() =>
            void props.onClose("done", reason.trim().length >= DSR_LIMITS.reasonMinChars ? reason.trim() : undefined)
          }
        >
          {t("dsr.done")}
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={props.busy}
          onClick={() => void withReason((text) => props.onClose("refused", text))}
        >
          {t("dsr.refuse")}
        </button>
      </div>
    </div>
  );
}

function RegisterForm(props: {
  today: string;
  busy: boolean;
  onSubmit: (body: { type: DsrType; subject: DsrSubject; receivedOn: string }) => Promise<boolean>;
}) {
  const { t } = useT();
  const [type, setType] = useState<DsrType>("access");
  const [kind, setKind] = useState<DsrSubject["type"]>("reference");
  const [value, setValue] = useState("");
  const [receivedOn, setReceivedOn] = useState("");
  const [errors, setErrors] = useState<{ value?: string; receivedOn?: string }>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (value.trim() === "") found.value = t("dsr.errors.required");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn) || (props.today !== "" && receivedOn > props.today))
      found.receivedOn = t("dsr.errors.date");
    setErrors(found);
    if (found.value) return document.getElementById("dsr-subject-value")?.focus();
    if (found.receivedOn) return document.getElementById("dsr-received")?.focus();
    const v = value.trim();
    const subject: DsrSubject =
      kind === "client"
        ? { type: "client", clientId: v }
        : kind === "case"
          ? { type: "case", caseId: v }
          : { type: "reference", reference: v };
    if (await props.onSubmit({ type, subject, receivedOn })) {
      setValue("");
      setReceivedOn("");
    }
  };
  return (
    <section aria-labelledby="dsr-register-heading">
      <h2 id="dsr-register-heading">{t("dsr.registerHeading")}</h2>
      <form className="dsr-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="dsr-type">{t("dsr.typeLabel")}</label>
          <select id="dsr-type" value={type} onChange={(e) => setType(e.target.value as DsrType)}>
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`dsr.type.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dsr-subject-kind">{t("dsr.subjectKindLabel")}</label>
          <select id="dsr-subject-kind" value={kind} onChange={(e) => setKind(e.target.value as DsrSubject["type"])}>
            <option value="reference">{t("dsr.subjectKind.reference")}</option>
            <option value="case">{t("dsr.subjectKind.case")}</option>
            <option value="client">{t("dsr.subjectKind.client")}</option>
          </select>
        </div>
        <div className={errors.value ? "field field--invalid" : "field"}>
          <label htmlFor="dsr-subject-value">{t("dsr.subjectValueLabel")}</label>
          <p id="dsr-subject-hint" className="field__hint">
            {t("dsr.subjectValueHint")}
          </p>
          {errors.value ? (
            <p id="dsr-subject-error" className="field__error">
              {errors.value}
            </p>
          ) : null}
          <input
            id="dsr-subject-value"
            type="text"
            maxLength={DSR_LIMITS.referenceChars}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={errors.value ? true : undefined}
            aria-describedby={errors.value ? "dsr-subject-hint dsr-subject-error" : "dsr-subject-hint"}
          />
        </div>
        <div className={errors.receivedOn ? "field field--invalid" : "field"}>
          <label htmlFor="dsr-received">{t("dsr.receivedLabel")}</label>
          {errors.receivedOn ? (
            <p id="dsr-received-error" className="field__error">
              {errors.receivedOn}
            </p>
          ) : null}
          <input
            id="dsr-received"
            type="date"
            max={props.today || undefined}
            value={receivedOn}
            onChange={(e) => setReceivedOn(e.target.value)}
            aria-invalid={errors.receivedOn ? true : undefined}
            aria-describedby={errors.receivedOn ? "dsr-received-error" : undefined}
          />
        </div>
        <p>
          <button type="submit" className="button button--primary" aria-disabled={props.busy}>
            {t("dsr.register")}
          </button>
        </p>
      </form>
    </section>
  );
}

function Restrictions(props: {
  active: RestrictionView[];
  busy: boolean;
  subjectText: (r: RestrictionView) => string;
  date: (ms: number) => string;
  onSet: (subject: RestrictionView["subject"], reason: string) => Promise<boolean>;
  onLift: (id: string) => Promise<boolean>;
}) {
  const { t } = useT();
  const [kind, setKind] = useState<"case" | "client">("case");
  const [id, setId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ id?: string; reason?: string }>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (id.trim() === "") found.id = t("dsr.errors.required");
    if (reason.trim().length < DSR_LIMITS.reasonMinChars) found.reason = t("dsr.errors.reasonShort");
    setErrors(found);
    if (found.id) return document.getElementById("restrict-id")?.focus();
    if (found.reason) return document.getElementById("restrict-reason")?.focus();
    const subject =
      kind === "case" ? { type: "case" as const, caseId: id.trim() } : { type: "client" as const, clientId: id.trim() };
    if (await props.onSet(subject, reason.trim())) {
      setId("");
      setReason("");
    }
  };
  return (
    <section aria-labelledby="dsr-restrictions-heading">
      <h2 id="dsr-restrictions-heading">{t("dsr.restrictionsHeading")}</h2>
      <p>{t("dsr.restrictionsExplain")}</p>
      {props.active.length === 0 ? (
        <p>{t("dsr.restrictionsNone")}</p>
      ) : (
        <ul>
          {props.active.map((r) => (
            <li key={r.id}>
              {t("dsr.restrictionLine", { subject: props.subjectText(r), date: props.date(r.setAt), reason: r.reason })}{" "}
              <button
                type="button"
                className="button"
                aria-disabled={props.busy}
                onClick={() => void props.onLift(r.id)}
              >
                {t("dsr.lift")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="dsr-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="restrict-kind">{t("dsr.restrictSubjectLabel")}</label>
          <select id="restrict-kind" value={kind} onChange={(e) => setKind(e.target.value as "case" | "client")}>
            <option value="case">{t("dsr.subjectKind.case")}</option>
            <option value="client">{t("dsr.subjectKind.client")}</option>
          </select>
        </div>
        <div className={errors.id ? "field field--invalid" : "field"}>
          <label htmlFor="restrict-id">{t("dsr.restrictIdLabel")}</label>
          {errors.id ? (
            <p id="restrict-id-error" className="field__error">
              {errors.id}
            </p>
          ) : null}
          <input
            id="restrict-id"
            type="text"
            value={id}
            onChange={(e) => setId(e.target.value)}
            aria-invalid={errors.id ? true : undefined}
            aria-describedby={errors.id ? "restrict-id-error" : undefined}
          />
        </div>
        <div className={errors.reason ? "field field--invalid" : "field"}>
          <label htmlFor="restrict-reason">{t("dsr.reasonLabel")}</label>
          {errors.reason ? (
            <p id="restrict-reason-error" className="field__error">
              {errors.reason}
            </p>
          ) : null}
          <textarea
            id="restrict-reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? "restrict-reason-error" : undefined}
          />
        </div>
        <p>
          <button type="submit" className="button button--primary" aria-disabled={props.busy}>
            {t("dsr.restrict")}
          </button>
        </p>
      </form>
    </section>
  );
}
