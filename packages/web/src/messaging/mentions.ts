// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Mentions in team chats (issue #16, ADR 0040): "@" in the composer offers the chat's members; a picked colleague
 * is written into the text as "@Name" and their account id goes into the sealed body's `mentions` (body.ts), so
 * the server never learns who was mentioned. Readers highlight "@Name" of the mentioned ids, and a message that
 * mentions the reader is marked for them.
 */

/** A member the composer may offer: the name shown in the chat (the one they chose, else their login name). */
export interface MentionCandidate {
  accountId: string;
  name: string;
}

/** The longest query after "@" that still keeps the list open. */
const MAX_QUERY = 40;

/**
 * The "@query" the caret is in: an "@" at the start of the text or after white space, and what follows it up to
 * the caret (no line break, no second "@"); null when the caret is not in one.
 */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf("@");
  if (start < 0) return null;
  if (start > 0 && !/\s/.test(before[start - 1]!)) return null;
  const query = before.slice(start + 1);
  if (query.length > MAX_QUERY || /[\n@]/.test(query)) return null;
  return { start, query };
}

/** The candidates whose name contains the query (case-insensitive), sorted by name; at most `limit`. */
export function matchingCandidates(
  candidates: readonly MentionCandidate[],
  query: string,
  limit = 8,
): MentionCandidate[] {
  const wanted = query.trim().toLocaleLowerCase();
  return candidates
    .filter((c) => c.name.toLocaleLowerCase().includes(wanted))
    .sort((a, b) => {
      // Names that start with the query first, then by name.
      const starts =
        Number(b.name.toLocaleLowerCase().startsWith(wanted)) - Number(a.name.toLocaleLowerCase().startsWith(wanted));
      return starts || a.name.localeCompare(b.name);
    })
    .slice(0, limit);
}

/** Replaces "@query" (from `start` to the caret) with "@Name " and says where the caret goes. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** The ids of the picked colleagues whose "@Name" is still in the text (a deleted mention is no mention). */
export function mentionedIds(text: string, picked: readonly MentionCandidate[]): string[] {
  return [...new Set(picked.filter((c) => text.includes(`@${c.name}`)).map((c) => c.accountId))];
}

/** A piece of a message's text: plain, or "@Name" of a mentioned account. */
export interface TextPiece {
  text: string;
  mention: string | null;
}

/**
 * Splits a text at every "@Name" of the mentioned accounts (`nameOf` gives the name the sender's browser wrote;
 * unknown names are not highlighted). Longer names first, so "@Anna Maria" wins over "@Anna".
 */
export function splitMentions(
  text: string,
  mentions: readonly string[],
  nameOf: (accountId: string) => string | undefined,
): TextPiece[] {
  const tokens = mentions
    .map((id) => ({ id, token: nameOf(id) ? `@${nameOf(id)}` : "" }))
    .filter((t) => t.token.length > 1)
    .sort((a, b) => b.token.length - a.token.length);
  if (tokens.length === 0) return [{ text, mention: null }];
  const pieces: TextPiece[] = [];
  let plain = "";
  for (let i = 0; i < text.length;) {
    const hit = tokens.find((t) => text.startsWith(t.token, i));
    if (hit) {
      if (plain) pieces.push({ text: plain, mention: null });
      plain = "";
      pieces.push({ text: hit.token, mention: hit.id });
      i += hit.token.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain) pieces.push({ text: plain, mention: null });
  return pieces;
}
