// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  AddChannelWraps,
  CreateChannel,
  ListChannelPending,
  ListChannels,
  ListClientChannels,
  SubscribeChannel,
  UnsubscribeChannel,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Each literal is type-checked against the protocol definition (see api/client.ts).
export const listChannels: Endpoint<typeof ListChannels> = {
  method: "GET",
  path: "/api/organisations/:orgId/channels",
};
export const createChannel: Endpoint<typeof CreateChannel> = {
  method: "POST",
  path: "/api/organisations/:orgId/channels",
};
export const listClientChannels: Endpoint<typeof ListClientChannels> = { method: "GET", path: "/api/client-channels" };
export const subscribeChannel: Endpoint<typeof SubscribeChannel> = {
  method: "PUT",
  path: "/api/channels/:channelId/subscription",
};
export const unsubscribeChannel: Endpoint<typeof UnsubscribeChannel> = {
  method: "DELETE",
  path: "/api/channels/:channelId/subscription",
};
export const listChannelPending: Endpoint<typeof ListChannelPending> = {
  method: "GET",
  path: "/api/channels/:channelId/pending",
};
export const addChannelWraps: Endpoint<typeof AddChannelWraps> = {
  method: "POST",
  path: "/api/channels/:channelId/wraps",
};
