// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useMemo, useState } from "react";
import { useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { listCases, listTopics } from "../messaging";
import { BreakGlassList } from "../dpo/break-glass-list";
import { Link } from "../router/router";
import { inboxOrder } from "../staff/format";
import { StaffGate } from "../staff/staff-gate";
import { type StaffState, useLiveStatus } from "../staff/use-staff";
import { InboxCaseList } from "./inbox-case-list";
import { type Filters, InboxFilters } from "./inbox-filters";
import "./counsellor.css";

type Scope = "new" | "mine" | "team";
const SCOPES: Scope[] = ["new", "mine", "team"];

/**
 * Team inbox (issue 6, item 5): new enquiries of my teams, my cases, all
 * cases of my teams, with state/team/topic filters. A `case` frame on the
 * realtime connection means "something changed": the list is fetched again,
 * and a new enquiry is announced to screen readers.
 */
export function InboxPage() {
  const { t } = useT();
  return <StaffGate title={t("inbox.title")}>{(staff) => <Inbox staff={staff} />}</StaffGate>;
}

function Inbox({ staff }: { staff: Extract<StaffState, { kind: "ready" }> }) {
  const { t } = useT();
  const { messaging } = staff;
  const [scope, setScope] = useState<Scope>("new");
  const [filters, setFilters] = useState<Filters>({ state: "", teamId: "", topicId: "" });
  const [teams, setTeams] = useState<Map<string, string>>(new Map());
  const [announcement, setAnnouncement] = useState("");
  const [now, setNow] = useState(() => Date.now());
  // Bumped by a `case` frame: something changed, fetch the list again.
  const [changes, setChanges] = useState(0);
  const live = useLiveStatus(messaging);

  // A changed filter or a live change keeps the list shown until the new one is there.
  const list = useLoad(
    async (signal) => {
      const { state, teamId, topicId } = filters;
      const answer = await messaging.api.request(listCases, {
        query: { scope, ...(state ? { state } : {}), ...(teamId ? { teamId } : {}), ...(topicId ? { topicId } : {}) },
        signal,
      });
      return answer.cases;
    },
    [messaging, scope, filters, changes],
    { keep: true },
  );
  const cases = list.kind === "ready" ? list.value : null;
  useEffect(() => {
    if (!cases) return;
    setNow(Date.now());
    // Remember team names seen, for the team filter.
    setTeams((known) => {
      const next = new Map(known);
      for (const c of cases) next.set(c.teamId, c.teamName);
      return next.size === known.size ? known : next;
    });
  }, [cases]);

  const topics = useLoad(
    async (signal) =>
      (await messaging.api.request(listTopics, { signal })).topics.filter((x) => x.organisationId === staff.orgId),
    [messaging, staff.orgId],
  );

  useEffect(
    () =>
      messaging.realtime.onCase((frame) => {
        setAnnouncement(
          frame.state === "new" && frame.assigneeId === null ? t("inbox.liveNew") : t("inbox.liveUpdated"),
        );
        setChanges((n) => n + 1);
      }),
    [messaging, t],
  );

  // Waiting times tick once a minute.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  const topicList = topics.kind === "ready" ? topics.value : null;
  const topicName = useMemo(() => new Map((topicList ?? []).map((x) => [x.id, x.name])), [topicList]);
  const ordered = cases ? inboxOrder(cases) : [];

  return (
    <Page title={t("inbox.title")} lead={t("inbox.lead")}>
      <p>
        <Link to="/inbox/absence">{t("inbox.absenceLink")}</Link>
      </p>
      <div className="scope-tabs" role="group" aria-label={t("inbox.scopeLabel")}>
        {SCOPES.map((s) => (
          <button key={s} type="button" className="button" aria-pressed={scope === s} onClick={() => setScope(s)}>
            {t(`inbox.scope.${s}`)}
          </button>
        ))}
      </div>
      <InboxFilters filters={filters} onChange={setFilters} teams={teams} topics={topicList ?? []} />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {live === "offline" ? <p className="notice notice--warn">{t("inbox.offline")}</p> : null}
      {list.kind === "failed" ? (
        <div className="notice notice--error" role="alert">
          <p>{t("inbox.loadFailed")}</p>
          <button type="button" className="button" onClick={() => setChanges((n) => n + 1)}>
            {t("inbox.retry")}
          </button>
        </div>
      ) : null}
      {list.kind === "loading" ? <p role="status">{t("inbox.loading")}</p> : null}
      {cases !== null && ordered.length === 0 ? <p className="inbox-empty">{t(`inbox.empty.${scope}`)}</p> : null}
      {ordered.length > 0 ? (
        <InboxCaseList ordered={ordered} topicName={topicName} now={now} accountId={staff.accountId} />
      ) : null}
      {/* Team leads see who opened a colleague's case with a reason (break glass); others see nothing here. */}
      <BreakGlassList api={staff.messaging.api} orgId={staff.orgId} hideWhenEmpty />
    </Page>
  );
}
