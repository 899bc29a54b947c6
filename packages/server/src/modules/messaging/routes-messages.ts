// SPDX-License-Identifier: AGPL-3.0-or-later
import { ListMessages, SendMessage } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { presentMessage } from "./presenter-messages";
import { listMessages, sendMessage } from "./messages";

/** HTTP fallbacks of the WebSocket protocol: a client without WebSocket can still send and read. */
export function registerMessageRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(SendMessage, async ({ actor, params, body }) => {
    const result = await sendMessage(ctx, {
      actor,
      conversationId: params.id,
      clientMsgId: body.clientMsgId,
      envelope: new Uint8Array(Buffer.from(body.envelope, "base64url")),
      kind: body.kind,
      replacesId: body.replacesId,
    });
    return {
      status: 201,
      body: { seq: result.seq, id: result.id, createdAt: result.createdAt, duplicate: result.duplicate },
    };
  });

  routes.add(ListMessages, async ({ actor, params, query }) => {
    const page = await listMessages(ctx, actor, params.id, query);
    return { status: 200, body: { messages: page.messages.map(presentMessage), hasMore: page.hasMore } };
  });
}
