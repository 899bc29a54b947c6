// SPDX-License-Identifier: AGPL-3.0-or-later
import { AppError, NotFoundError } from "../../core/errors";
import type { Membership, PolicyActor } from "./conversation-membership";

/**
 * Broadcast channels ("Kanäle", ADR 0037): who may subscribe, and the one refusal a subscriber meets when trying
 * to post. Creating and listing go through the permission table (`channel.create`, `channel.read`,
 * `channel.client`); posting, reading and publishing epochs are conversation actions (conversation-membership.ts:
 * owners act, subscribers read).
 */

/** What the subscription decision needs of a channel. */
export interface ChannelFacts {
  organisationId: string;
  audience: "staff" | "clients";
}

/** A current subscriber of a broadcast conversation: reads, never posts or publishes epochs. */
export function isReadOnlyChannelMember(membership: Pick<Membership, "kind" | "role" | "leftAt">): boolean {
  return membership.kind === "broadcast" && membership.role === "subscriber" && membership.leftAt === null;
}

/** The refusal a channel subscriber gets for a post or an epoch, with its stable code. */
export function channelReadOnly(): AppError {
  return new AppError("channel_read_only", "Only the channel's owners post here; subscribers read");
}

/**
 * May `actor` subscribe to (or unsubscribe from) this channel? Staff: a channel of their own organisation. A
 * client: a client-facing channel of an organisation they have a case with (`clientHasCase`). Everything else —
 * a staff channel asked for by a client, another organisation's channel, an unknown id — is "not found", so a
 * client learns nothing about channels that are not for them.
 */
export function channelSubscriptionRefusal(
  actor: PolicyActor,
  channel: ChannelFacts | undefined,
  clientHasCase: boolean,
): AppError | null {
  const missing = new NotFoundError("No such channel");
  if (!channel) return missing;
  if (actor.kind === "staff") return actor.organisationId === channel.organisationId ? null : missing;
  return channel.audience === "clients" && clientHasCase ? null : missing;
}
