// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ChannelAudience, ChannelView, ClientChannelView, PendingSubscriber } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import { AppError, ForbiddenError, NotFoundError } from "../../core/errors";
import { newId } from "../../core/ids";
import { authorize, channelSubscriptionRefusal } from "../../policies";
import { authorizeConversation } from "./conversations";
import {
  type ChannelRow,
  clientCaseOrganisations,
  countWaitingSubscribers,
  currentSubscribersAmong,
  existingEpochs,
  findChannel,
  findMemberRow,
  holdsNewestEpoch,
  insertChannel,
  leadsTeamIn,
  listChannelRows,
  listMissingWraps,
  myChannelRoles,
  organisationNames,
  upsertSubscriber,
} from "./store-channels";
import {
  findParticipantAccounts,
  insertConversation,
  insertConversationMembers,
  markMemberLeft,
} from "./store-conversations";
import { insertEpochKeyWraps } from "./store-epochs";

/**
 * Broadcast channels ("Kanäle", issue #16, ADR 0037). A channel is a `broadcast` conversation whose owners post
 * and whose subscribers read; posts, epochs and reading go through the conversation routes, where the membership
 * gate refuses a subscriber's post with `channel_read_only`. Here: creating (administrators and team leads),
 * listing (staff: their organisation's; clients: the client-facing channels of organisations they have a case
 * with), subscribing, and the owners' browser catching up subscribers who still lack an epoch key. Subscribers
 * never see each other: only owners learn who waits for a key.
 */

async function channelView(ctx: AppContext, actor: Actor, row: ChannelRow, role: "owner" | "subscriber" | null) {
  const id = row.conversation_id;
  return {
    id,
    organisationId: row.organisation_id,
    name: row.name,
    audience: row.audience,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    myRole: role,
    pending: role === "owner" ? await countWaitingSubscribers(ctx.db.db, id) : 0,
    waiting: role === "subscriber" ? !(await holdsNewestEpoch(ctx.db.db, id, actor.accountId)) : false,
  } satisfies ChannelView;
}

export async function listChannels(ctx: AppContext, actor: Actor, orgId: string): Promise<ChannelView[]> {
  authorize(actor, "channel.read", { type: "organisation", organisationId: orgId });
  const rows = await listChannelRows(ctx.db.db, [orgId]);
  const roles = await myChannelRoles(
    ctx.db.db,
    actor.accountId,
    rows.map((r) => r.conversation_id),
  );
  return Promise.all(rows.map((r) => channelView(ctx, actor, r, roles.get(r.conversation_id) ?? null)));
}

export async function createChannel(
  ctx: AppContext,
  actor: Actor,
  props: { orgId: string; name: string; audience: ChannelAudience; ownerIds: string[] },
): Promise<ChannelView> {
  const leads = actor.kind === "staff" && (await leadsTeamIn(ctx.db.db, props.orgId, actor.accountId));
  authorize(actor, "channel.create", { type: "organisation", organisationId: props.orgId, actorLeadsTeam: leads });
  const ownerIds = [...new Set(props.ownerIds)].filter((id) => id !== actor.accountId);
  const accounts = await findParticipantAccounts(ctx.db.db, ownerIds);
  // Owners are active staff of this organisation; anyone else is refused without saying who exists.
  if (
    accounts.length !== ownerIds.length ||
    accounts.some((a) => a.kind !== "staff" || a.organisation_id !== props.orgId || a.disabled_at !== null)
  )
    throw new ForbiddenError("An owner cannot be added");
  const id = newId();
  const now = ctx.clock.now();
  const row: ChannelRow = {
    conversation_id: id,
    organisation_id: props.orgId,
    name: props.name,
    audience: props.audience,
    created_by: actor.accountId,
    created_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertConversation(trx, {
      id,
      organisation_id: props.orgId,
      kind: "broadcast",
      created_by: actor.accountId,
      created_at: now,
    });
    await insertConversationMembers(
      trx,
      [actor.accountId, ...ownerIds].map((accountId) => ({
        conversation_id: id,
        account_id: accountId,
        role: "owner" as const,
        joined_at: now,
        left_at: null,
      })),
    );
    await insertChannel(trx, row);
    // No name in the audit trail: what is said stays out of it, like a chat's title.
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: actor.accountId,
      action: "channel.created",
      target: { type: "conversation", id },
      data: { audience: props.audience, owners: ownerIds.length + 1 },
    });
  });
  return channelView(ctx, actor, row, "owner");
}

export async function listClientChannels(ctx: AppContext, actor: Actor): Promise<ClientChannelView[]> {
  authorize(actor, "channel.client", { type: "instance" });
  const orgIds = await clientCaseOrganisations(ctx.db.db, actor.accountId);
  const rows = await listChannelRows(ctx.db.db, orgIds, "clients");
  const roles = await myChannelRoles(
    ctx.db.db,
    actor.accountId,
    rows.map((r) => r.conversation_id),
  );
  const names = await organisationNames(ctx.db.db, orgIds);
  return Promise.all(
    rows.map(async (r) => {
      const role = roles.get(r.conversation_id) === "subscriber" ? ("subscriber" as const) : null;
      const view = await channelView(ctx, actor, r, role);
      return {
        id: view.id,
        organisationId: view.organisationId,
        organisationName: names.get(r.organisation_id) ?? "",
        name: view.name,
        audience: view.audience,
        createdAt: view.createdAt,
        myRole: view.myRole === "subscriber" ? "subscriber" : null,
        waiting: view.waiting,
      } satisfies ClientChannelView;
    }),
  );
}

/** The channel, if the actor may subscribe to it (else "not found"; gates/channels.ts). */
async function subscribable(ctx: AppContext, actor: Actor, channelId: string): Promise<ChannelRow> {
  const channel = await findChannel(ctx.db.db, channelId);
  if (actor.kind === "client") authorize(actor, "channel.client", { type: "instance" });
  else if (channel) authorize(actor, "channel.read", { type: "organisation", organisationId: channel.organisation_id });
  const hasCase =
    actor.kind === "client" && channel !== undefined
      ? (await clientCaseOrganisations(ctx.db.db, actor.accountId)).includes(channel.organisation_id)
      : false;
  const refusal = channelSubscriptionRefusal(
    actor,
    channel && { organisationId: channel.organisation_id, audience: channel.audience },
    hasCase,
  );
  if (refusal) throw refusal;
  return channel!;
}

export async function subscribeChannel(ctx: AppContext, actor: Actor, channelId: string): Promise<void> {
  const channel = await subscribable(ctx, actor, channelId);
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const existing = await findMemberRow(trx, channelId, actor.accountId);
    if (existing && existing.role !== "subscriber") throw new AppError("conflict", "You own this channel");
    if (existing && existing.left_at === null) return;
    await upsertSubscriber(trx, { conversationId: channelId, accountId: actor.accountId, now, rejoin: !!existing });
    await recordAudit(trx, now, {
      organisationId: channel.organisation_id,
      actorId: actor.accountId,
      action: "channel.subscribed",
      target: { type: "conversation", id: channelId },
    });
  });
}

export async function unsubscribeChannel(ctx: AppContext, actor: Actor, channelId: string): Promise<void> {
  const channel = await subscribable(ctx, actor, channelId);
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const existing = await findMemberRow(trx, channelId, actor.accountId);
    if (!existing || existing.role !== "subscriber" || existing.left_at !== null) return;
    await markMemberLeft(trx, channelId, actor.accountId, now);
    await recordAudit(trx, now, {
      organisationId: channel.organisation_id,
      actorId: actor.accountId,
      action: "channel.unsubscribed",
      target: { type: "conversation", id: channelId },
    });
  });
}

/** Owners only: the channel row, or "not found" for anyone who is not one (subscribers: `channel_read_only`). */
async function ownedChannel(ctx: AppContext, actor: Actor, channelId: string): Promise<ChannelRow> {
  const membership = await authorizeConversation(ctx, actor, channelId, "add_epoch", "channel.wraps");
  const channel = membership.kind === "broadcast" ? await findChannel(ctx.db.db, channelId) : undefined;
  if (!channel) throw new NotFoundError("No such channel");
  return channel;
}

export async function listChannelPending(
  ctx: AppContext,
  actor: Actor,
  channelId: string,
): Promise<PendingSubscriber[]> {
  await ownedChannel(ctx, actor, channelId);
  const rows = await listMissingWraps(ctx.db.db, channelId);
  const bySubscriber = new Map<string, PendingSubscriber>();
  for (const r of rows) {
    let entry = bySubscriber.get(r.account_id);
    if (!entry) {
      const keys = JSON.parse(r.key_bundle) as { encryptionPublicKey?: string };
      // An account without keys (never finished signing up) cannot be wrapped to.
      if (!keys.encryptionPublicKey) continue;
      entry = { accountId: r.account_id, kind: r.kind, encryptionPublicKey: keys.encryptionPublicKey, epochs: [] };
      bySubscriber.set(r.account_id, entry);
    }
    entry.epochs.push(Number(r.epoch));
  }
  return [...bySubscriber.values()];
}

export async function addChannelWraps(
  ctx: AppContext,
  actor: Actor,
  channelId: string,
  wraps: { recipientId: string; epoch: number; wrap: Uint8Array }[],
): Promise<void> {
  const channel = await ownedChannel(ctx, actor, channelId);
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const subscribers = await currentSubscribersAmong(
      trx,
      channelId,
      wraps.map((w) => w.recipientId),
    );
    if (wraps.some((w) => !subscribers.has(w.recipientId)))
      throw new AppError("invalid_body", "Every wrap must go to a current subscriber");
    const epochs = await existingEpochs(
      trx,
      channelId,
      wraps.map((w) => w.epoch),
    );
    if (wraps.some((w) => !epochs.has(w.epoch)))
      throw new AppError("invalid_body", "Every wrap must name an epoch of the channel");
    // The first wrap an owner made for a subscriber wins.
    await insertEpochKeyWraps(
      trx,
      wraps.map((w) => ({
        conversation_id: channelId,
        epoch: w.epoch,
        recipient_account_id: w.recipientId,
        wrap: w.wrap,
        created_at: now,
      })),
      { keepExisting: true },
    );
    await recordAudit(trx, now, {
      organisationId: channel.organisation_id,
      actorId: actor.accountId,
      action: "channel.keys_wrapped",
      target: { type: "conversation", id: channelId },
      data: { subscribers: subscribers.size, wraps: wraps.length },
    });
  });
}
