// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from "react";
import { pushedState } from "../router/history-depth";
import { useRouter } from "../router/router";

/** From this width on the inbox shows the selected case next to its list (issue 16). */
export const SPLIT_VIEW_QUERY = "(min-width: 1280px)";

/** Whether the window is wide enough for the split view; follows resizing. */
export function useSplitView(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(SPLIT_VIEW_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(SPLIT_VIEW_QUERY);
    const onChange = () => setWide(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return wide;
}

/** The case selected in the split view, from the address bar (`/inbox?case=…`). */
export function selectedFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get("case");
}

/**
 * The selected case as its own history entry, so reload and back/forward
 * show it again. Not the router's navigate: that scrolls to the top and moves
 * focus to the page heading, and the list must keep its place.
 */
export function pushSelection(caseId: string): void {
  const query = new URLSearchParams(window.location.search);
  query.set("case", caseId);
  window.history.pushState(pushedState(window.history.state), "", `${window.location.pathname}?${query.toString()}`);
}

/** Follows back/forward and the router's navigations (a link to `/inbox` closes the case). */
export function useSelection(): [string | null, (caseId: string) => void] {
  const [selected, setSelected] = useState(selectedFromUrl);
  const { navigations } = useRouter();
  useEffect(() => setSelected(selectedFromUrl()), [navigations]);
  const select = (caseId: string) => {
    if (caseId === selectedFromUrl()) return;
    pushSelection(caseId);
    setSelected(caseId);
  };
  return [selected, select];
}
