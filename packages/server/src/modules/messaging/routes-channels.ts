// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddChannelWraps,
  CreateChannel,
  ListChannelPending,
  ListChannels,
  ListClientChannels,
  SubscribeChannel,
  UnsubscribeChannel,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import {
  addChannelWraps,
  createChannel,
  listChannelPending,
  listChannels,
  listClientChannels,
  subscribeChannel,
  unsubscribeChannel,
} from "./channels";

/** Broadcast channels (docs/PROTOCOL.md, "Channels"; ADR 0037). */
export function registerChannelRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListChannels, async ({ actor, params }) => ({
    status: 200,
    body: { channels: await listChannels(ctx, actor, params.orgId) },
  }));
  routes.add(CreateChannel, async ({ actor, params, body }) => ({
    status: 201,
    body: { channel: await createChannel(ctx, actor, { orgId: params.orgId, ...body }) },
  }));
  routes.add(ListClientChannels, async ({ actor }) => ({
    status: 200,
    body: { channels: await listClientChannels(ctx, actor) },
  }));
  routes.add(SubscribeChannel, async ({ actor, params }) => {
    await subscribeChannel(ctx, actor, params.channelId);
    return { status: 204, body: null };
  });
  routes.add(UnsubscribeChannel, async ({ actor, params }) => {
    await unsubscribeChannel(ctx, actor, params.channelId);
    return { status: 204, body: null };
  });
  routes.add(ListChannelPending, async ({ actor, params }) => ({
    status: 200,
    body: { subscribers: await listChannelPending(ctx, actor, params.channelId) },
  }));
  routes.add(AddChannelWraps, async ({ actor, params, body }) => {
    const wraps = body.wraps.map((w) => ({ ...w, wrap: new Uint8Array(Buffer.from(w.wrap, "base64url")) }));
    await addChannelWraps(ctx, actor, params.channelId, wraps);
    return { status: 204, body: null };
  });
}
