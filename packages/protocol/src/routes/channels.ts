// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { singleLineText } from "../text";
import { KeyWrap } from "./conversations";

/**
 * Broadcast channels ("Kanäle", issue #16, ADR 0037): an administrator or a team lead creates a channel of the
 * organisation; its owners post, its subscribers read. A channel is a `broadcast` conversation (messages, epochs
 * and reading go through the conversation routes); these routes add what a channel has besides: its name, whether
 * it is for staff or for the organisation's clients, subscribing, and the owners' browser wrapping the epoch keys
 * to subscribers (subscribers never see each other).
 */

/** Staff only, or for the organisation's clients too (public information: opening hours, events, closures). */
export const ChannelAudience = z.enum(["staff", "clients"]);
export type ChannelAudience = z.infer<typeof ChannelAudience>;

/** A channel's name is not end-to-end encrypted: a client sees it before subscribing, when they hold no key. */
export const ChannelName = singleLineText({ min: 1, max: 120, trim: true });

export const ChannelView = z
  .object({
    /** The channel's conversation. */
    id: Id,
    organisationId: Id,
    name: z.string(),
    audience: ChannelAudience,
    createdBy: Id,
    createdAt: z.number().int(),
    /** The caller's part: owner (posts), subscriber (reads), or null. */
    myRole: z.enum(["owner", "subscriber"]).nullable(),
    /** Owners: subscribers whose key wraps the caller's browser still owes (0 for everyone else). */
    pending: z.number().int(),
    /** Subscribers: true while no owner's browser wrapped the channel's keys to them yet ("wartet auf Freischaltung"). */
    waiting: z.boolean(),
  })
  .strict()
  .meta({ id: "Channel" });
export type ChannelView = z.infer<typeof ChannelView>;

/** A client-facing channel as a client sees it in "Meine Beratungen". */
export const ClientChannelView = ChannelView.omit({ createdBy: true, pending: true })
  .extend({ organisationName: z.string() })
  .strict()
  .meta({ id: "ClientChannel" });
export type ClientChannelView = z.infer<typeof ClientChannelView>;

const OrgParams = z.object({ orgId: Id }).strict();
const ChannelParams = z.object({ channelId: Id }).strict();

export const ListChannels = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/channels",
  summary: "Staff: the organisation's channels (staff and client-facing) with the caller's part in each",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: OrgParams,
  responses: { 200: z.object({ channels: z.array(ChannelView) }).strict() },
});

export const CreateChannel = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/channels",
  summary:
    "An administrator or team lead creates a channel; they and the named colleagues own it (post). Audited as channel.created",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: OrgParams,
  body: z
    .object({
      name: ChannelName,
      audience: ChannelAudience,
      /** Colleagues who post besides the creator (staff of the organisation). */
      ownerIds: z.array(Id).max(50),
    })
    .strict(),
  responses: { 201: z.object({ channel: ChannelView }).strict() },
});

export const ListClientChannels = defineRoute({
  method: "GET",
  path: "/api/client-channels",
  summary: "A client: the client-facing channels of every organisation they have a case with",
  tag: "messaging",
  auth: "session",
  rate: "api",
  responses: { 200: z.object({ channels: z.array(ClientChannelView) }).strict() },
});

export const SubscribeChannel = defineRoute({
  method: "PUT",
  path: "/api/channels/:channelId/subscription",
  summary:
    "Subscribe: staff to a channel of their organisation, a client to a client-facing channel of an organisation they have a case with",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ChannelParams,
  responses: { 204: z.null() },
});

export const UnsubscribeChannel = defineRoute({
  method: "DELETE",
  path: "/api/channels/:channelId/subscription",
  summary: "Unsubscribe: the channel's posts are no longer handed to the caller",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ChannelParams,
  responses: { 204: z.null() },
});

export const PendingSubscriber = z
  .object({
    accountId: Id,
    kind: z.enum(["client", "staff"]),
    /** The subscriber's X25519 key as the server has it; staff browsers take a staff member's from the verified log. */
    encryptionPublicKey: z.string(),
    /** Epochs of the channel the subscriber holds no wrap of yet, ascending. */
    epochs: z.array(z.number().int()),
  })
  .strict();
export type PendingSubscriber = z.infer<typeof PendingSubscriber>;

export const ListChannelPending = defineRoute({
  method: "GET",
  path: "/api/channels/:channelId/pending",
  summary: "Owners: subscribers who still wait for the channel's epoch keys, with their public keys",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ChannelParams,
  responses: { 200: z.object({ subscribers: z.array(PendingSubscriber) }).strict() },
});

export const AddChannelWraps = defineRoute({
  method: "POST",
  path: "/api/channels/:channelId/wraps",
  summary: "Owners: epoch keys of the channel wrapped to subscribers (each a current subscriber, an existing epoch)",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ChannelParams,
  body: z
    .object({
      wraps: z
        .array(z.object({ recipientId: Id, epoch: z.number().int().min(1), wrap: KeyWrap }).strict())
        .min(1)
        .max(1000),
    })
    .strict(),
  responses: { 204: z.null() },
});
