// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { BreachCard } from "./breach-card";
import { BreachRecordFields, breachRecordBody, breachRecordInput } from "./breach-record-fields";
import { DpoPage, type Ready } from "./dpo-shell";
import { breaches, createBreach } from "./endpoints";
import { Outcome } from "../components/outcome";

/**
 * /dpo/breaches — the breach register (Art. 33/34 GDPR, ADR 0047): record a
 * breach, watch its 72-hour clock, assess the risk, and get the drafts for
 * the supervisory authority and the persons affected. DPO and admins; the
 * server decides too.
 */
export function BreachesPage() {
  const { t } = useT();
  return <DpoPage title={t("breaches.title")}>{(staff) => <Breaches staff={staff} />}</DpoPage>;
}

/** The time now, refreshed every 30 seconds, so the clocks count down while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Breaches({ staff }: { staff: Ready }) {
  const { t } = useT();
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const now = useNow();
  const data = useLoad((signal) => api.request(breaches, { params: { orgId }, signal }), [api, orgId], {
    keep: true,
  });
  const [record, setRecord] = useState(() => breachRecordInput(null));
  const create = useAction(async () => {
    await api.request(createBreach, {
      params: { orgId },
      body: breachRecordBody(record, Date.now()),
    });
    // The form empties; the time of awareness stays as entered.
    setRecord((r) => ({ ...breachRecordInput(null), awareAt: r.awareAt }));
    await data.reload();
    return t("breaches.created");
  });
  const list = data.kind === "ready" ? data.value.breaches : [];
  const dpoContact = data.kind === "ready" ? data.value.dpoContact : "";

  return (
    <Page title={t("breaches.title")} lead={t("breaches.lead")}>
      <form
        className="staff-form"
        aria-labelledby="breach-new-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (!create.pending) void create.run();
        }}
      >
        <h2 id="breach-new-heading">{t("breaches.newHeading")}</h2>
        <BreachRecordFields idPrefix="breach" value={record} onChange={setRecord} hints />
        <p className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={create.pending}>
            {t("breaches.create")}
          </button>
        </p>
        <Outcome error={create.error && t("dpo.failed", { code: create.error })} success={create.result} />
      </form>

      <section aria-labelledby="breach-list-heading">
        <h2 id="breach-list-heading">{t("breaches.listHeading")}</h2>
        {data.kind === "failed" ? (
          <p className="notice notice--error" role="status">
            {t("dpo.failed", { code: data.error })}
          </p>
        ) : data.kind === "loading" ? (
          <p role="status">{t("common.loading")}</p>
        ) : list.length === 0 ? (
          <p>{t("breaches.none")}</p>
        ) : (
          list.map((b) => (
            <BreachCard
              key={b.id}
              breach={b}
              now={now}
              dpoContact={dpoContact}
              staff={staff}
              onSaved={() => void data.reload()}
            />
          ))
        )}
      </section>
    </Page>
  );
}
