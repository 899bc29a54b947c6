// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseSort } from "@obhut/protocol";
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { AppError } from "../../core/errors";

/**
 * The inbox's orders as keyset pages (issue 16). Each order is (group, key, id), all ascending: the group
 * puts the cases that lack the sort's time last, the key is an integer (times negated where newest comes
 * first) and the id breaks ties. A page continues strictly after the last case of the one before, so a case
 * that arrives, leaves the view or is accepted meanwhile shifts nothing: none is shown twice, none skipped
 * (unlike OFFSET). A case whose own key changes while someone pages moves; the browser reloads what it shows
 * on every `case` frame anyway.
 */
export interface SortKey {
  /** A constant group is left out: ORDER BY a bare 0 would name a column position. */
  group: RawBuilder<number> | null;
  key: RawBuilder<number>;
}

/** The newest message the client wrote in the case (staff see it as "last message from the client"). */
export const lastClientMessageAt = sql<number | null>`(SELECT MAX(lm.created_at) FROM messages lm
  WHERE lm.conversation_id = c.conversation_id AND lm.sender_id = c.client_id AND lm.kind = 'message')`;

export function sortKey(sort: CaseSort): SortKey {
  switch (sort) {
    case "waiting":
      // Waiting cases first (longest waiting first), then the others newest first.
      return {
        group: sql<number>`(CASE WHEN c.waiting_since IS NULL THEN 1 ELSE 0 END)`,
        key: sql<number>`COALESCE(c.waiting_since, -c.created_at)`,
      };
    case "lastClient":
      return {
        group: sql<number>`(CASE WHEN ${lastClientMessageAt} IS NULL THEN 1 ELSE 0 END)`,
        key: sql<number>`-COALESCE(${lastClientMessageAt}, 0)`,
      };
    case "newest":
      return { group: null, key: sql<number>`-c.created_at` };
  }
}

export interface CursorPosition {
  group: number;
  key: number;
  id: string;
}

const INITIAL: Record<CaseSort, string> = { waiting: "w", lastClient: "l", newest: "n" };

export function encodeCursor(sort: CaseSort, at: CursorPosition): string {
  return `${INITIAL[sort]}.${at.group}.${at.key}.${at.id}`;
}

/** The position a cursor names; its shape is checked by the protocol's `CaseCursor`, its order here. */
export function decodeCursor(sort: CaseSort, cursor: string): CursorPosition {
  const [initial, group, key, id] = cursor.split(".");
  const at = { group: Number(group), key: Number(key), id: id ?? "" };
  if (initial !== INITIAL[sort] || !Number.isSafeInteger(at.key) || at.id === "")
    throw new AppError("invalid_query", "The cursor belongs to another order of the list; start from the first page", {
      issues: [{ path: "cursor", message: "not a cursor of this order" }],
    });
  return at;
}

/** Cases strictly after `at` in the order `k`. */
export function after(k: SortKey, at: CursorPosition): RawBuilder<SqlBool> {
  const inGroup = sql<SqlBool>`(${k.key} > ${at.key} OR (${k.key} = ${at.key} AND c.id > ${at.id}))`;
  if (k.group === null) return at.group === 0 ? inGroup : sql<SqlBool>`(1 = 0)`;
  return sql<SqlBool>`(${k.group} > ${at.group} OR (${k.group} = ${at.group} AND ${inGroup}))`;
}
