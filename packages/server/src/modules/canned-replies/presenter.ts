// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CannedReplyView } from "@obhut/protocol";
import type { CannedReplyRow } from "./store";

/** The fields that leave the server: sealed content and who changed it when. */
export function presentCannedReply(r: CannedReplyRow): CannedReplyView {
  return {
    id: r.id,
    teamId: r.team_id,
    generation: Number(r.generation),
    wrap: r.wrap,
    ciphertext: r.ciphertext,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedBy: r.updated_by,
    updatedAt: Number(r.updated_at),
  };
}
