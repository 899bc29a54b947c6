// SPDX-License-Identifier: AGPL-3.0-or-later
import { Readable } from "node:stream";
import {
  ATTACHMENT_LIMITS,
  CompleteAttachment,
  CreateAttachment,
  DeleteAttachment,
  DownloadAttachment,
  GetAttachmentPolicy,
  GetAttachmentUpload,
  GetConversationAttachmentPolicy,
  PutAttachmentChunk,
  UpdateAttachmentPolicy,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { AppError } from "../../core/errors";
import { presentUploadState } from "./presenter-attachments";
import { completeUpload, createUpload, findDownload, getUploadState, putChunk, readAttachment } from "./attachments";
import { conversationAttachmentPolicy, readAttachmentPolicy, updateAttachmentPolicy } from "./attachment-policy";
import { deleteAttachment } from "./attachments-delete";

/**
 * Parses a single `bytes=` range against `size` into a half-open range.
 * Returns null without a header; throws 416 for anything we cannot serve
 * (malformed, several ranges, beyond the end).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  if (header === undefined) return null;
  const refuse = () =>
    new AppError("range_not_satisfiable", "The requested range cannot be served", {
      headers: { "content-range": `bytes */${size}` },
    });
  const match = /^bytes=(\d{0,16})-(\d{0,16})$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) throw refuse();
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw refuse();
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(match[1]);
  const last = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || (match[2] !== "" && Number(match[2]) < start)) throw refuse();
  return { start, end: last + 1 };
}

export function registerAttachmentRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(CreateAttachment, async ({ actor, body }) => {
    const row = await createUpload(ctx, { actor, conversationId: body.conversationId, size: body.size });
    return { status: 201, body: { attachmentId: row.id, chunkSize: row.chunk_size, chunkCount: row.chunk_count } };
  });

  // Raw bytes are accepted on this one route only, with its own body limit.
  routes.add(
    PutAttachmentChunk,
    async ({ actor, params, body }) => {
      await putChunk(ctx, { actor, id: params.id, index: params.index, bytes: body });
      return { status: 204, body: null };
    },
    { octetStreamLimit: ATTACHMENT_LIMITS.chunkBytes },
  );

  routes.add(GetAttachmentUpload, async ({ actor, params }) => {
    return { status: 200, body: presentUploadState(await getUploadState(ctx, { actor, id: params.id })) };
  });

  routes.add(CompleteAttachment, async ({ actor, params }) => {
    const row = await completeUpload(ctx, { actor, id: params.id });
    return { status: 200, body: { attachmentId: row.id, size: row.size } };
  });

  routes.add(DownloadAttachment, async ({ actor, params, request, reply }) => {
    const row = await findDownload(ctx, { actor, id: params.id });
    const range = parseRange(request.headers.range, row.size);
    const { start, end } = range ?? { start: 0, end: row.size };
    const data = await readAttachment(ctx, row.id, { start, end });
    reply
      .status(range ? 206 : 200)
      .header("content-type", "application/octet-stream")
      // No file name: names travel inside the encrypted envelope only.
      .header("content-disposition", "attachment")
      .header("accept-ranges", "bytes")
      .header("content-length", String(end - start));
    if (range) reply.header("content-range", `bytes ${start}-${end - 1}/${row.size}`);
    void reply.send(Readable.from(data));
    return { raw: true };
  });

  routes.add(DeleteAttachment, async ({ actor, params }) => {
    await deleteAttachment(ctx, { actor, id: params.id });
    return { status: 204, body: null };
  });

  routes.add(GetConversationAttachmentPolicy, async ({ actor, params }) => ({
    status: 200,
    body: await conversationAttachmentPolicy(ctx, { actor, conversationId: params.id }),
  }));

  routes.add(GetAttachmentPolicy, async ({ actor, params }) => ({
    status: 200,
    body: await readAttachmentPolicy(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(UpdateAttachmentPolicy, async ({ actor, params, body }) => ({
    status: 200,
    body: await updateAttachmentPolicy(ctx, { actor, orgId: params.orgId, ...body }),
  }));
}
