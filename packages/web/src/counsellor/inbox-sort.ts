// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { inboxOrder } from "../staff/format";

/** The inbox's sort choices; "waiting" is the default (whoever has waited longest first). */
export const INBOX_SORTS = ["waiting", "lastClient", "newest"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export function isInboxSort(value: string | null): value is InboxSort {
  return (INBOX_SORTS as readonly (string | null)[]).includes(value);
}

/** The views of the inbox, in the order of its tabs. */
export const INBOX_SCOPES = ["new", "mine", "team"] as const;
export type InboxScope = (typeof INBOX_SCOPES)[number];

export function isInboxScope(value: string | null): value is InboxScope {
  return (INBOX_SCOPES as readonly (string | null)[]).includes(value);
}

/**
 * Cases in the chosen order. "lastClient": the newest message of a client
 * first (cases the client never wrote in last); "newest": newest case first.
 * Ties keep a stable order by id so the list does not jump on a live reload.
 */
export function sortCases(cases: readonly CaseView[], sort: InboxSort): CaseView[] {
  if (sort === "waiting") return inboxOrder(cases);
  const key = (c: CaseView) => (sort === "lastClient" ? (c.lastClientMessageAt ?? null) : c.createdAt);
  return [...cases].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      return kb - ka;
    }
    return a.id.localeCompare(b.id);
  });
}

/**
 * After I accepted a case it is no longer a new enquiry: the inbox shows
 * "mine", where it now is, instead of letting it vanish from "new".
 */
export function scopeAfterAccept(current: InboxScope): InboxScope {
  return current === "team" ? "team" : "mine";
}
