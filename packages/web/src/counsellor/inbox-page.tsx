// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView, TopicView } from "@obhut/protocol";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { listCases, listTopics } from "../messaging";
import { BreakGlassList } from "../dpo/break-glass-list";
import { Link } from "../router/router";
import { formatDuration, inboxOrder, waitingDuration } from "../staff/format";
import { StaffGate } from "../staff/staff-gate";
import { type StaffState, useLiveStatus } from "../staff/use-staff";
import "./counsellor.css";

type Scope = "new" | "mine" | "team";
type StateFilter = "" | CaseView["state"];
const SCOPES: Scope[] = ["new", "mine", "team"];
const STATES: CaseView["state"][] = ["new", "active", "closed", "archived"];

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
  const { t, i18n } = useT();
  const { messaging } = staff;
  const [scope, setScope] = useState<Scope>("new");
  const [state, setState] = useState<StateFilter>("");
  const [teamId, setTeamId] = useState("");
  const [topicId, setTopicId] = useState("");
  const [cases, setCases] = useState<CaseView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [teams, setTeams] = useState<Map<string, string>>(new Map());
  const [topics, setTopics] = useState<TopicView[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const [now, setNow] = useState(() => Date.now());
  const live = useLiveStatus(messaging);
  const request = useRef(0);

  const load = useCallback(async () => {
    const mine = ++request.current;
    try {
      const answer = await messaging.api.request(listCases, {
        query: {
          scope,
          ...(state ? { state } : {}),
          ...(teamId ? { teamId } : {}),
          ...(topicId ? { topicId } : {}),
        },
      });
      if (mine !== request.current) return; // a newer request is under way
      setCases(answer.cases);
      setFailed(false);
      setNow(Date.now());
      // Remember team names seen, for the team filter.
      setTeams((known) => {
        const next = new Map(known);
        for (const c of answer.cases) next.set(c.teamId, c.teamName);
        return next.size === known.size ? known : next;
      });
    } catch {
      if (mine === request.current) setFailed(true);
    }
  }, [messaging, scope, state, teamId, topicId]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    messaging.api
      .request(listTopics, {})
      .then((answer) => setTopics(answer.topics.filter((x) => x.organisationId === staff.orgId)))
      .catch(() => setTopics([]));
  }, [messaging, staff.orgId]);

  useEffect(
    () =>
      messaging.realtime.onCase((frame) => {
        setAnnouncement(
          frame.state === "new" && frame.assigneeId === null ? t("inbox.liveNew") : t("inbox.liveUpdated"),
        );
        void load();
      }),
    [messaging, load, t],
  );

  // Waiting times tick once a minute.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  const topicName = useMemo(() => new Map(topics.map((x) => [x.id, x.name])), [topics]);
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
      <fieldset className="fieldset inbox-filters">
        <legend>{t("inbox.filters")}</legend>
        <div className="field">
          <label htmlFor="inbox-state">{t("inbox.stateFilter")}</label>
          <select id="inbox-state" value={state} onChange={(e) => setState(e.target.value as StateFilter)}>
            <option value="">{t("inbox.any")}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`caseState.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-team">{t("inbox.teamFilter")}</label>
          <select id="inbox-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t("inbox.any")}</option>
            {[...teams].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-topic">{t("inbox.topicFilter")}</label>
          <select id="inbox-topic" value={topicId} onChange={(e) => setTopicId(e.target.value)}>
            <option value="">{t("inbox.any")}</option>
            {topics.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {live === "offline" ? <p className="notice notice--warn">{t("inbox.offline")}</p> : null}
      {failed ? (
        <div className="notice notice--error" role="alert">
          <p>{t("inbox.loadFailed")}</p>
          <button type="button" className="button" onClick={() => void load()}>
            {t("inbox.retry")}
          </button>
        </div>
      ) : null}
      {cases === null && !failed ? <p role="status">{t("inbox.loading")}</p> : null}
      {cases !== null && ordered.length === 0 ? <p className="inbox-empty">{t(`inbox.empty.${scope}`)}</p> : null}
      {ordered.length > 0 ? (
        <ul className="case-list" aria-label={t("inbox.listLabel")}>
          {ordered.map((c) => (
            <li key={c.id} className="case-card" data-case-id={c.id}>
              <p className="case-card__title">
                <Link to={`/inbox/case?id=${encodeURIComponent(c.id)}`}>{c.clientName}</Link>{" "}
                <span className={`case-badge case-badge--${c.state}`}>{t(`caseState.${c.state}`)}</span>
              </p>
              <p className="case-card__meta">{[topicName.get(c.topicId), c.teamName].filter(Boolean).join(" · ")}</p>
              <p className="case-card__meta">
                {c.assigneeName ? t("inbox.assignee", { name: c.assigneeName }) : t("inbox.unassigned")}
                {c.unread > 0 ? ` · ${t("inbox.unread", { count: c.unread })}` : ""}
              </p>
              {c.waitingSince !== null ? (
                <p className="case-card__waiting">
                  {t("inbox.waiting", {
                    duration: formatDuration(i18n.language, waitingDuration(now, c.waitingSince)),
                  })}
                </p>
              ) : null}
              {c.preferredCounsellorId === staff.accountId ? (
                <p className="case-card__meta">{t("inbox.preferred")}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {/* Team leads see who opened a colleague's case with a reason (break glass); others see nothing here. */}
      <BreakGlassList api={staff.messaging.api} orgId={staff.orgId} hideWhenEmpty />
    </Page>
  );
}
