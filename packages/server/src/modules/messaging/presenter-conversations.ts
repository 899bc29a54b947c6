// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ConversationSummary } from "./conversations";

export function presentConversation(c: ConversationSummary) {
  return {
    id: c.id,
    organisationId: c.organisationId,
    kind: c.kind,
    role: c.role,
    createdAt: c.createdAt,
    lastSeq: c.lastSeq,
    readSeq: c.readSeq,
    deliveredSeq: c.deliveredSeq,
    unread: c.unread,
    rotationOwed: c.rotationOwed,
    ...(c.titleEnvelope
      ? {
          titleEnvelope: Buffer.from(
            c.titleEnvelope.buffer,
            c.titleEnvelope.byteOffset,
            c.titleEnvelope.byteLength,
          ).toString("base64url"),
        }
      : {}),
  };
}

export function presentEpochs(data: {
  epochs: { epoch: number; record: Uint8Array; created_by: string; created_at: number }[];
  wraps: { epoch: number; wrap: Uint8Array }[];
  archiveWraps?: { epoch: number; generation: number; wrap: Uint8Array }[];
}) {
  const b64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64url");
  return {
    epochs: data.epochs.map((e) => ({
      epoch: e.epoch,
      record: b64(e.record),
      createdBy: e.created_by,
      createdAt: e.created_at,
    })),
    wraps: data.wraps.map((w) => ({ epoch: w.epoch, wrap: b64(w.wrap) })),
    ...(data.archiveWraps
      ? {
          archiveWraps: data.archiveWraps.map((w) => ({
            epoch: w.epoch,
            generation: Number(w.generation),
            wrap: b64(w.wrap),
          })),
        }
      : {}),
  };
}
