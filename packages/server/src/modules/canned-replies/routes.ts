// SPDX-License-Identifier: AGPL-3.0-or-later
import { CreateCannedReply, DeleteCannedReply, ListCannedReplies, UpdateCannedReply } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { changeCannedReply, createCannedReply, listCannedReplies, removeCannedReply } from "./canned-replies";

/** Canned replies of a team (docs/PROTOCOL.md, "Canned replies"). */
export function registerCannedReplyRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListCannedReplies, async ({ actor, params }) => ({
    status: 200,
    body: { replies: await listCannedReplies(ctx, { actor, orgId: params.orgId, teamId: params.teamId }) },
  }));
  routes.add(CreateCannedReply, async ({ actor, params, body }) => ({
    status: 201,
    body: { reply: await createCannedReply(ctx, { actor, orgId: params.orgId, teamId: params.teamId, body }) },
  }));
  routes.add(UpdateCannedReply, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      reply: await changeCannedReply(ctx, {
        actor,
        orgId: params.orgId,
        teamId: params.teamId,
        replyId: params.replyId,
        body,
      }),
    },
  }));
  routes.add(DeleteCannedReply, async ({ actor, params }) => {
    await removeCannedReply(ctx, { actor, orgId: params.orgId, teamId: params.teamId, replyId: params.replyId });
    return { status: 204, body: null };
  });
}
