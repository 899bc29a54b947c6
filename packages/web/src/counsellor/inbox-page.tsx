// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { listTopics } from "../messaging";
import { BreakGlassList } from "../dpo/break-glass-list";
import { ArchiveAccessList } from "../archive-access/archive-access-list";
import { Link, useRouter } from "../router/router";
import { StaffGate } from "../staff/staff-gate";
import { type StaffState, useLiveStatus } from "../staff/use-staff";
import { InboxCaseList } from "./inbox-case-list";
import { type Filters, InboxFilters } from "./inbox-filters";
import {
  INBOX_SCOPES,
  INBOX_SORTS,
  type InboxScope,
  type InboxSort,
  isInboxScope,
  isInboxSort,
  scopeAfterAccept,
} from "./inbox-sort";
import { useInboxPages } from "./use-inbox-pages";
import { acceptCase } from "./endpoints";
import { AbsenceReminder } from "./absence-reminder";
import { CASE_REPLY_ID, CaseWorkspace } from "./case-workspace";
import { useInboxKeys } from "./inbox-keys";
import { ShortcutHelp, type ShortcutHelpHandle } from "./shortcut-help";
import { useSelection, useSplitView } from "./split-view";
import "./counsellor.css";

/** The view and sort of the address bar (`?view=mine&sort=lastClient`), so "back" from a case keeps them. */
function fromUrl(): { scope: InboxScope; sort: InboxSort } {
  const query = new URLSearchParams(window.location.search);
  const view = query.get("view");
  const sort = query.get("sort");
  return { scope: isInboxScope(view) ? view : "new", sort: isInboxSort(sort) ? sort : "waiting" };
}

function keepInUrl(scope: InboxScope, sort: InboxSort): void {
  const query = new URLSearchParams(window.location.search);
  // The defaults stay out of the address, so a plain /inbox stays /inbox.
  if (scope === "new") query.delete("view");
  else query.set("view", scope);
  if (sort === "waiting") query.delete("sort");
  else query.set("sort", sort);
  const search = query.toString() ? `?${query.toString()}` : "";
  if (search === window.location.search) return;
  // Not the router's navigate: this is the same page, focus and scroll stay where they are.
  window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}`);
}

/**
 * Team inbox (issue 6, item 5): new enquiries of my teams, my cases, all
 * cases of my teams, with state/team/topic filters. The server filters and
 * sorts; the list shows a page at a time with "Weitere anzeigen" and how many
 * the view holds (issue 16). A `case` frame on the realtime connection means
 * "something changed": the cases shown are fetched again (as many as were
 * shown), and a new enquiry is announced to screen readers.
 */
export function InboxPage() {
  const { t } = useT();
  return <StaffGate title={t("inbox.title")}>{(staff) => <Inbox staff={staff} />}</StaffGate>;
}

function Inbox({ staff }: { staff: Extract<StaffState, { kind: "ready" }> }) {
  const { t, i18n } = useT();
  const { messaging } = staff;
  const [initial] = useState(fromUrl);
  const [scope, setScope] = useState<InboxScope>(initial.scope);
  const [sort, setSort] = useState<InboxSort>(initial.sort);
  // The outcome of accepting from the list, shown until the next step.
  const [accept, setAccept] = useState<
    { kind: "busy"; caseId: string } | { kind: "done" | "failed"; text: string } | null
  >(null);
  const [filters, setFilters] = useState<Filters>({ state: "", teamId: "", topicId: "" });
  const [teams, setTeams] = useState<Map<string, string>>(new Map());
  const [announcement, setAnnouncement] = useState("");
  const [now, setNow] = useState(() => Date.now());
  // Bumped by a `case` frame: something changed, fetch the list again.
  const [changes, setChanges] = useState(0);
  const live = useLiveStatus(messaging);
  useEffect(() => keepInUrl(scope, sort), [scope, sort]);
  // A link or back/forward to another view of this page (the case's "back to the inbox").
  const { navigations } = useRouter();
  useEffect(() => {
    const next = fromUrl();
    setScope(next.scope);
    setSort(next.sort);
  }, [navigations]);
  // At 1280 px and wider the selected case opens next to the list (issue 16); narrower, on its own page.
  const wide = useSplitView();
  const [selected, select] = useSelection();
  const listRef = useRef<HTMLDivElement>(null);
  const help = useRef<ShortcutHelpHandle>(null);
  useInboxKeys({
    links: () => [...(listRef.current?.querySelectorAll<HTMLAnchorElement>("a.case-card__link") ?? [])],
    reply: () => document.getElementById(CASE_REPLY_ID) as HTMLTextAreaElement | null,
    current: () => listRef.current?.querySelector<HTMLAnchorElement>('a.case-card__link[aria-current="true"]') ?? null,
    onHelp: () => help.current?.open(),
  });

  // A changed view, sort or filter or a live change keeps the list shown until the new one is there.
  const { list, loading, shown, more, loadMore } = useInboxPages(messaging.api, { scope, sort, filters }, changes);
  const cases = shown?.cases ?? null;
  // After "Weitere anzeigen": the first case it added gets the focus (the button may be gone on the last page).
  const [focusCase, setFocusCase] = useState<string | null>(null);
  useEffect(() => {
    if (focusCase === null) return;
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>("a.case-card__link") ?? [])];
    (
      listRef.current?.querySelector<HTMLAnchorElement>(`li[data-case-id="${focusCase}"] a.case-card__link`) ??
      links.at(-1)
    )?.focus();
    setFocusCase(null);
  }, [focusCase, cases]);
  const count = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const showMore = async () => {
    const loaded = await loadMore();
    if (!loaded) return;
    const { added, list: next } = loaded;
    // Nothing new (each case had moved up meanwhile): the last case, as the button may be gone.
    const first = added[0] ?? next.cases.at(-1);
    if (!first) return;
    setAnnouncement(
      t("inbox.moreLoaded", { count: added.length, shown: count(next.cases.length), total: count(next.total) }),
    );
    setFocusCase(first.id);
  };
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
  // In the server's order: it sorts the whole view, not just the cases shown.
  const ordered = cases ?? [];

  /** Accepts an enquiry from the list; it then shows under "mine" with a notice, not just gone from "new". */
  const acceptFromList = async (c: CaseView) => {
    if (accept?.kind === "busy") return;
    setAccept({ kind: "busy", caseId: c.id });
    try {
      await messaging.api.request(acceptCase, { params: { caseId: c.id } });
      setScope(scopeAfterAccept);
      setAccept({ kind: "done", text: t("inbox.accepted", { name: c.clientName }) });
      setChanges((n) => n + 1);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "network";
      setAccept({
        kind: "failed",
        text: code === "case_taken" ? t("caseView.takenUnknown") : t("caseView.failed", { code }),
      });
      setChanges((n) => n + 1);
    }
  };

  return (
    <Page title={t("inbox.title")} lead={t("inbox.lead")}>
      <ShortcutHelp ref={help} />
      <AbsenceReminder api={messaging.api} now={now} />
      <div className={wide ? "inbox-split" : undefined}>
        <div
          className={wide ? "inbox-split__list" : undefined}
          ref={listRef}
          role={wide ? "region" : undefined}
          aria-label={wide ? t("workspace.listLabel") : undefined}
          // Narrowed with a case open (a window made smaller): the case alone, as on its own page; nothing typed is lost.
          hidden={!wide && selected !== null}
        >
          <p className="inbox-links">
            <Link to="/inbox/absence">{t("inbox.absenceLink")}</Link>
            <Link to="/inbox/canned-replies">{t("cannedReplies.link")}</Link>
            <button type="button" className="button" aria-keyshortcuts="?" onClick={() => help.current?.open()}>
              {t("shortcuts.button")}
            </button>
          </p>
          <div className="scope-tabs" role="group" aria-label={t("inbox.scopeLabel")}>
            {INBOX_SCOPES.map((s) => (
              <button
                key={s}
                type="button"
                className="button scope-tabs__button"
                aria-pressed={scope === s}
                onClick={() => {
                  setScope(s);
                  setAccept(null);
                }}
              >
                {t(`inbox.scope.${s}`)}
              </button>
            ))}
          </div>
          <div className="field inbox-sort">
            <label htmlFor="inbox-sort">{t("inbox.sortLabel")}</label>
            <select id="inbox-sort" value={sort} onChange={(e) => setSort(e.target.value as InboxSort)}>
              {INBOX_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`inbox.sort.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <InboxFilters filters={filters} onChange={setFilters} teams={teams} topics={topicList ?? []} />
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
          {/* Polite: the notice says where the accepted case went; it does not interrupt. */}
          <p
            className={
              accept?.kind === "done"
                ? "notice notice--success"
                : accept?.kind === "failed"
                  ? "notice notice--error"
                  : "visually-hidden"
            }
            role="status"
          >
            {accept && accept.kind !== "busy" ? accept.text : ""}
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
          {loading ? <p role="status">{t("inbox.loading")}</p> : null}
          {cases !== null && ordered.length === 0 ? <p className="inbox-empty">{t(`inbox.empty.${scope}`)}</p> : null}
          {shown && ordered.length > 0 ? (
            <p className="inbox-count" id="inbox-count">
              {t("inbox.shownCount", { count: shown.total, shown: count(ordered.length), total: count(shown.total) })}
            </p>
          ) : null}
          {ordered.length > 0 ? (
            <InboxCaseList
              ordered={ordered}
              topicName={topicName}
              now={now}
              accountId={staff.accountId}
              accepting={accept?.kind === "busy" ? accept.caseId : null}
              onAccept={(c) => void acceptFromList(c)}
              selectedId={wide ? selected : null}
              onOpen={wide ? (c) => select(c.id) : undefined}
              shortAccept={wide}
            />
          ) : null}
          {more === "failed" ? (
            <p className="notice notice--error" role="alert">
              {t("inbox.moreFailed")}
            </p>
          ) : null}
          {shown?.nextCursor ? (
            <p className="inbox-more">
              <button
                type="button"
                className="button"
                aria-describedby="inbox-count"
                aria-disabled={more === "busy"}
                onClick={() => void showMore()}
              >
                {more === "busy" ? t("inbox.moreLoading") : t("inbox.more")}
              </button>
            </p>
          ) : null}
        </div>
        {selected ? (
          <CaseWorkspace key={selected} staff={staff} caseId={selected} embedded />
        ) : wide ? (
          <p className="case-workspace inbox-split__none">{t("workspace.none")}</p>
        ) : null}
      </div>
      {/* Team leads see who opened a colleague's case with a reason (break glass); others see nothing here. */}
      <BreakGlassList api={staff.messaging.api} orgId={staff.orgId} hideWhenEmpty />
      {/* And when the organisation read one of their teams' cases with its archive key (ADR 0032). */}
      <ArchiveAccessList api={staff.messaging.api} orgId={staff.orgId} hideWhenEmpty />
    </Page>
  );
}
