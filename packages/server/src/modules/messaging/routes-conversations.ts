// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddConversationMembers,
  AddEpoch,
  CreateConversation,
  GetConversation,
  ListConversations,
  ListEpochs,
  MarkRead,
  RemoveConversationMember,
  SetConversationTitle,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { presentConversation, presentEpochs } from "./presenter-conversations";
import { createConversation, getConversation, listConversations } from "./conversations";
import { addEpoch, listEpochs } from "./conversations-epochs";
import { addConversationMembers, removeConversationMember, setConversationTitle } from "./conversation-members";
import { recordReceipt } from "./receipts";
import { registerMessageRoutes } from "./routes-messages";

function bytes(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, "base64url"));
}

export function registerConversationRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(CreateConversation, async ({ actor, body }) => {
    const conversation = await createConversation(ctx, { actor, kind: body.kind, memberIds: body.memberIds });
    return { status: 201, body: { conversation: presentConversation(conversation) } };
  });

  routes.add(ListConversations, async ({ actor }) => ({
    status: 200,
    body: { conversations: (await listConversations(ctx, actor.accountId)).map(presentConversation) },
  }));

  routes.add(GetConversation, async ({ actor, params }) => {
    const { summary, members, receipts } = await getConversation(ctx, actor, params.id);
    return { status: 200, body: { conversation: presentConversation(summary), members, receipts } };
  });

  routes.add(RemoveConversationMember, async ({ actor, params }) => {
    await removeConversationMember(ctx, { actor, conversationId: params.id, accountId: params.accountId });
    return { status: 204, body: null };
  });

  routes.add(AddConversationMembers, async ({ actor, params, body }) => {
    await addConversationMembers(ctx, {
      actor,
      conversationId: params.id,
      epoch: body.epoch,
      members: body.members.map((m) => ({ accountId: m.accountId, wrap: bytes(m.wrap) })),
    });
    return { status: 204, body: null };
  });

  routes.add(SetConversationTitle, async ({ actor, params, body }) => {
    await setConversationTitle(ctx, { actor, conversationId: params.id, envelope: bytes(body.envelope) });
    return { status: 204, body: null };
  });

  routes.add(MarkRead, async ({ actor, params, body }) => {
    await recordReceipt(ctx, actor, params.id, "read", body.seq);
    return { status: 204, body: null };
  });

  routes.add(ListEpochs, async ({ actor, params }) => ({
    status: 200,
    body: presentEpochs(await listEpochs(ctx, actor, params.id)),
  }));

  routes.add(AddEpoch, async ({ actor, params, body }) => {
    await addEpoch(ctx, {
      actor,
      conversationId: params.id,
      epoch: body.epoch,
      record: bytes(body.record),
      wraps: body.wraps.map((w) => ({ recipientId: w.recipientId, wrap: bytes(w.wrap) })),
      ...(body.teamWrap && body.archiveWrap
        ? { groupWraps: { team: bytes(body.teamWrap), archive: bytes(body.archiveWrap) } }
        : body.teamWrap || body.archiveWrap
          ? { groupWraps: "incomplete" as const }
          : {}),
    });
    return { status: 201, body: { epoch: body.epoch } };
  });

  registerMessageRoutes(routes, ctx);
}
