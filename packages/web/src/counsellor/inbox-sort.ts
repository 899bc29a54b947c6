// SPDX-License-Identifier: AGPL-3.0-or-later
import { CaseSort } from "@obhut/protocol";

/**
 * The inbox's sort choices; "waiting" is the default (whoever has waited longest first). The server sorts
 * (`ListCases`'s `sort`), because the inbox shows one page of the view at a time.
 */
export const INBOX_SORTS = CaseSort.options;
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
 * After I accepted a case it is no longer a new enquiry: the inbox shows
 * "mine", where it now is, instead of letting it vanish from "new".
 */
export function scopeAfterAccept(current: InboxScope): InboxScope {
  return current === "team" ? "team" : "mine";
}
