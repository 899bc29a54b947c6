// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DsrSubject } from "@obhut/protocol";
import { useAction } from "../api/use-action";
import { Page } from "../components/page";
import { StaffGate } from "../staff/staff-gate";
import type { StaffState } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { RegisterForm } from "./dsr-register-form";
import { DsrSummary } from "./dsr-summary";
import { RequestsTable } from "./dsr-requests-table";
import { Restrictions } from "./dsr-restrictions";
import { closeDsrRequest, createDsrRequest, extendDsrRequest, liftRestriction, setRestriction } from "./endpoints";
import { useDsrData } from "./use-dsr-data";
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

function Dsr({ staff }: { staff: Ready }) {
  const { t, i18n } = useT();
  const session = useSession();
  const role = session?.account.role;
  const allowed = role === "org_admin" || role === "dpo";
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const day = (d: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`));

  const data = useDsrData(api, orgId, allowed);
  // Every change reloads the lists; the outcome is announced in one status line.
  const act = useAction(async (work: () => Promise<string>) => {
    const text = await work();
    await data.reload();
    return text;
  });
  const run = (work: () => Promise<string>) => act.run(work).then((outcome) => outcome.ok);

  if (!allowed) {
    return (
      <Page title={t("dsr.title")}>
        <p className="notice">{t("dsr.needRole")}</p>
      </Page>
    );
  }

  const loaded = data.kind === "ready" ? data.value : null;
  const failure = act.error ?? (act.pending || act.result !== undefined || data.kind !== "failed" ? null : data.error);
  const status = failure
    ? { kind: "error", text: t("dsr.failed", { code: failure }) }
    : act.result !== undefined
      ? { kind: "success", text: act.result }
      : null;
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
      <DsrSummary report={loaded?.report ?? null} />
      <section aria-labelledby="dsr-list-heading">
        <h2 id="dsr-list-heading">{t("dsr.listHeading")}</h2>
        {loaded ? (
          <RequestsTable
            requests={loaded.requests}
            busy={act.pending}
            day={day}
            subjectText={subjectText}
            onExtend={(r, months, reason) =>
              run(async () => {
                const res = await api.request(extendDsrRequest, {
                  params: { orgId, requestId: r.id },
                  body: { months, reason },
                });
                return t("dsr.extended", { due: day(res.request.dueOn) });
              })
            }
            onClose={(r, outcome, reason) =>
              run(async () => {
                await api.request(closeDsrRequest, {
                  params: { orgId, requestId: r.id },
                  body: reason ? { outcome, reason } : { outcome },
                });
                return t("dsr.closed");
              })
            }
          />
        ) : null}
      </section>
      <RegisterForm
        today={loaded?.today ?? ""}
        busy={act.pending}
        onSubmit={(body) =>
          run(async () => {
            const res = await api.request(createDsrRequest, { params: { orgId }, body });
            return t("dsr.registered", { due: day(res.request.dueOn) });
          })
        }
      />
      <Restrictions
        active={loaded?.restrictions ?? []}
        busy={act.pending}
        subjectText={(r) => subjectText(r.subject)}
        date={(ms) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" }).format(new Date(ms))}
        onSet={(subject, reason) =>
          run(async () => {
            await api.request(setRestriction, { params: { orgId }, body: { subject, reason } });
            return t("dsr.restricted");
          })
        }
        onLift={(id) =>
          run(async () => {
            await api.request(liftRestriction, { params: { orgId, restrictionId: id } });
            return t("dsr.lifted");
          })
        }
      />
    </Page>
  );
}
