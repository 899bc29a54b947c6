// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MessageView } from "@obhut/protocol";
import type { StoredMessage } from "./messages";

/** Exactly the fields of a message that leave the server. */
export function presentMessage(m: StoredMessage): MessageView {
  return {
    conversationId: m.conversationId,
    seq: m.seq,
    id: m.id,
    senderId: m.senderId,
    envelope: Buffer.from(m.envelope.buffer, m.envelope.byteOffset, m.envelope.byteLength).toString("base64url"),
    kind: m.kind,
    replacesId: m.replacesId,
    createdAt: m.createdAt,
  };
}
