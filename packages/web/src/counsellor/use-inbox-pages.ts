// SPDX-License-Identifier: AGPL-3.0-or-later
import { CASE_LIMITS, type CaseView } from "@obhut/protocol";
import { useRef, useState } from "react";
import type { ApiClient } from "../api/client";
import { useLoad } from "../api/use-action";
import { listCases } from "../messaging";
import type { InboxScope, InboxSort } from "./inbox-sort";
import type { Filters } from "./inbox-filters";

/** The cases the inbox shows: the first pages of the view in the server's order, and where the next one starts. */
export interface InboxList {
  /** The view, sort and filters it is of. */
  key: string;
  cases: CaseView[];
  nextCursor: string | null;
  /** Every case of the view with its filters, shown or not. */
  total: number;
}

/** Appends `more`, leaving out cases already shown (a case may move while someone pages). */
function appendNew(shown: readonly CaseView[], more: readonly CaseView[]): CaseView[] {
  const ids = new Set(shown.map((c) => c.id));
  return [...shown, ...more.filter((c) => !ids.has(c.id))];
}

/**
 * The inbox's list, one page of `CASE_LIMITS.inboxPage` at a time (issue 16): the server filters and sorts,
 * so what the page says ("50 von 2.000 Fällen") is true of the whole view. A live change (`changes`) loads
 * again as many cases as were shown, so a counsellor who looked at three pages still sees three; another
 * view, sort or filter starts at the first page.
 */
export function useInboxPages(
  api: ApiClient,
  view: { scope: InboxScope; sort: InboxSort; filters: Filters },
  changes: number,
) {
  const { scope, sort } = view;
  const { state, teamId, topicId } = view.filters;
  const query = {
    scope,
    sort,
    ...(state ? { state } : {}),
    ...(teamId ? { teamId } : {}),
    ...(topicId ? { topicId } : {}),
  };
  const key = JSON.stringify(query);
  // How many cases to show of which view; the view decides, so a new view starts at one page.
  const wanted = useRef<{ key: string; count: number }>({ key, count: CASE_LIMITS.inboxPage });
  const list = useLoad(
    async (signal): Promise<InboxList> => {
      const count = wanted.current.key === key ? wanted.current.count : CASE_LIMITS.inboxPage;
      wanted.current = { key, count };
      let shown: InboxList = { key, cases: [], nextCursor: null, total: 0 };
      do {
        const limit = Math.min(CASE_LIMITS.inboxPageMax, Math.max(CASE_LIMITS.inboxPage, count - shown.cases.length));
        const cursor = shown.nextCursor;
        const answer = await api.request(listCases, {
          query: { ...query, limit, ...(cursor ? { cursor } : {}) },
          signal,
        });
        shown = {
          key,
          cases: appendNew(shown.cases, answer.cases),
          nextCursor: answer.nextCursor,
          total: answer.total,
        };
      } while (shown.nextCursor && shown.cases.length < count);
      return shown;
    },
    [api, key, changes],
    { keep: true },
  );
  // A live reload keeps the list shown until the new one is there; another view, sort or filter does not
  // show the previous one's cases under its name (nor offer to accept them) while it loads.
  const loaded = list.kind === "ready" && list.value.key === key ? list.value : null;
  const loading = list.kind === "loading" || (list.kind === "ready" && loaded === null);
  // Pages added with "Weitere anzeigen" to the list loaded last; a new load replaces them (it holds as many).
  const [added, setAdded] = useState<{ to: InboxList; list: InboxList } | null>(null);
  const shown = added && added.to === loaded ? added.list : loaded;
  const [moreOf, setMoreOf] = useState<{ key: string; state: "idle" | "busy" | "failed" }>({ key, state: "idle" });
  const more = moreOf.key === key ? moreOf.state : "idle";
  const setMore = (state: "idle" | "busy" | "failed") => setMoreOf({ key, state });

  /** Loads the next page; answers the cases it added and the list now shown (null when nothing was loaded). */
  const loadMore = async (): Promise<{ added: CaseView[]; list: InboxList } | null> => {
    if (!shown?.nextCursor || more === "busy") return null;
    const base = loaded;
    const from = shown;
    setMore("busy");
    try {
      const answer = await api.request(listCases, { query: { ...query, cursor: from.nextCursor ?? "" } });
      const next: InboxList = {
        key,
        cases: appendNew(from.cases, answer.cases),
        nextCursor: answer.nextCursor,
        total: answer.total,
      };
      if (wanted.current.key === key) wanted.current = { key, count: next.cases.length };
      if (base) setAdded({ to: base, list: next });
      setMore("idle");
      return { added: next.cases.slice(from.cases.length), list: next };
    } catch {
      setMore("failed");
      return null;
    }
  };

  return { list, loading, shown, more, loadMore, reload: list.reload };
}
