// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type CannedReplyContent,
  currentTeamKeyGeneration,
  fromBase64Url,
  openCannedReply,
  sealCannedReply,
  teamMemberKeys,
  toBase64Url,
} from "@obhut/crypto";
import type {
  CannedReplyView,
  CreateCannedReply,
  DeleteCannedReply,
  ListCannedReplies,
  UpdateCannedReply,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";
import type { Ready } from "./case-types";

/**
 * Canned replies (Textbausteine) of a team, sealed and opened in the browser
 * (docs/CRYPTO.md §7f). The server stores only what `sealCannedReply` makes;
 * a snippet is offered only if it opens under the team key and is signed by
 * the key the verified org log certifies for a member of the team.
 */

const PATH = "/api/organisations/:orgId/teams/:teamId/canned-replies";
export const listCannedReplies: Endpoint<typeof ListCannedReplies> = { method: "GET", path: PATH };
export const createCannedReply: Endpoint<typeof CreateCannedReply> = { method: "POST", path: PATH };
export const updateCannedReply: Endpoint<typeof UpdateCannedReply> = { method: "PUT", path: `${PATH}/:replyId` };
export const deleteCannedReply: Endpoint<typeof DeleteCannedReply> = { method: "DELETE", path: `${PATH}/:replyId` };

export interface CannedReply extends CannedReplyContent {
  id: string;
  updatedAt: number;
}

export interface CannedReplyList {
  replies: CannedReply[];
  /** Snippets that did not open or whose signer is not a certified member of the team: never offered. */
  refused: number;
}

/** The team's snippets that open and are signed by a certified member of the team, by title. */
export async function loadCannedReplies(staff: Ready, teamId: string, signal?: AbortSignal): Promise<CannedReplyList> {
  const { api } = staff.messaging;
  const [{ replies }, state] = await Promise.all([
    api.request(listCannedReplies, { params: { orgId: staff.orgId, teamId }, signal }),
    staff.ring.orgState(),
  ]);
  const authorKeys = teamMemberKeys(state, teamId).map((k) => k.signingKey);
  const opened = await Promise.all(replies.map((r) => openOne(staff, teamId, r, authorKeys).catch(() => null)));
  const ok = opened.filter((r): r is CannedReply => r !== null);
  ok.sort((a, b) => a.title.localeCompare(b.title));
  return { replies: ok, refused: replies.length - ok.length };
}

async function openOne(
  staff: Ready,
  teamId: string,
  view: CannedReplyView,
  authorKeys: Uint8Array[],
): Promise<CannedReply> {
  const team = await staff.ring.teamKey(teamId, view.generation);
  const { content } = await openCannedReply({
    sealed: { generation: view.generation, wrap: fromBase64Url(view.wrap), ciphertext: fromBase64Url(view.ciphertext) },
    team,
    authorKeys,
  });
  return { ...content, id: view.id, updatedAt: view.updatedAt };
}

/** Seals under the team's current generation, signed with my staff key; creates, or replaces `id`. */
export async function saveCannedReply(
  staff: Ready,
  teamId: string,
  content: CannedReplyContent,
  id: string | null,
): Promise<void> {
  const { api, keys } = staff.messaging;
  const state = await staff.ring.orgState();
  const current = currentTeamKeyGeneration(state, teamId);
  const sealed = await sealCannedReply({
    team: { teamId, generation: current.generation, publicKey: current.publicKey },
    content,
    author: keys.signing,
    timestamp: Date.now(),
  });
  const body = {
    generation: sealed.generation,
    wrap: toBase64Url(sealed.wrap),
    ciphertext: toBase64Url(sealed.ciphertext),
  };
  if (id === null) await api.request(createCannedReply, { params: { orgId: staff.orgId, teamId }, body });
  else await api.request(updateCannedReply, { params: { orgId: staff.orgId, teamId, replyId: id }, body });
}

export async function removeCannedReply(staff: Ready, teamId: string, id: string): Promise<void> {
  await staff.messaging.api.request(deleteCannedReply, { params: { orgId: staff.orgId, teamId, replyId: id } });
}

/** The text to insert: the "du" form for a "du" topic when the snippet has one. */
export function snippetText(reply: CannedReplyContent, informal: boolean): string {
  return informal && reply.textInformal ? reply.textInformal : reply.text;
}

/** Titles and texts that contain every word of the query (case-insensitive). */
export function matchSnippets<T extends CannedReplyContent>(replies: readonly T[], query: string): T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...replies];
  return replies.filter((r) => {
    const hay = `${r.title} ${r.text} ${r.textInformal ?? ""}`.toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** `text` with `insert` at the selection [start, end); the caret goes after it. */
export function insertAt(text: string, insert: string, start: number, end: number): { text: string; caret: number } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return { text: text.slice(0, s) + insert + text.slice(e), caret: s + insert.length };
}
