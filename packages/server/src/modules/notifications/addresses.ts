// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import {
  defaultRule,
  type NotificationSettingsBody,
  type NotificationSettingsView,
  type NotifyEmailView,
} from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { recordAudit } from "../../core/audit";
import { authorize, ensureOrganisation } from "../../policies";
import { setEmailNoticeChannel } from "../compliance";
import { openNotifyAddress, sealNotifyAddress, tokenHash } from "./seal";
import {
  confirmByToken,
  deleteNotifyAddress,
  accountKind,
  findNotifyAddress,
  newestCaseForms,
  storePendingAddress,
  type NotifyAddressRow,
} from "./store";
import { senderNameOf } from "./deliver";
import { channelOffered } from "./preferences";
import { orgNoticeRules, rulesFor, storeOrgNoticeRules, storeRule } from "./store-rules";
import { composeNotice, defaultSenderName, type NoticeForm } from "./templates";

/**
 * A person's own address for content-free notices, with double opt-in
 * (ADR 0034): entering it stores it sealed and unconfirmed and mails a link;
 * only opening the link makes it usable. Only its owner ever reads it back;
 * staff, logs, the audit trail and the organisation export never see it.
 */
export const CONFIRM_LINK_TTL_MS = 24 * 60 * 60_000;

async function present(ctx: AppContext, actor: Actor, row: NotifyAddressRow | undefined): Promise<NotifyEmailView> {
  const db = ctx.db.db;
  // The organisation's rules (ADR 0044): e-mail off for everyone, or off for clients, is not offered at all.
  const allowed = await channelOffered(db, actor, "email");
  const newEnquiry = (await rulesFor(db, [actor.accountId], "new_enquiry", "email")).get(actor.accountId);
  return {
    address: row ? openNotifyAddress(ctx.secrets.notifyKey, actor.accountId, row.address_sealed) : null,
    confirmed: row?.confirmed_at != null,
    language: row?.language ?? null,
    newEnquiry: newEnquiry ?? defaultRule("new_enquiry", "email"),
    available: ctx.mailer !== undefined && allowed,
  };
}

/** Refused when the organisation does not offer e-mail notices to this person (ADR 0044). */
async function ensureEmailOffered(ctx: AppContext, actor: Actor): Promise<void> {
  if (!(await channelOffered(ctx.db.db, actor, "email")))
    throw new AppError("forbidden", "Your organisation does not offer e-mail notices");
}

const own = (actor: Actor) => authorize(actor, "notify_email.own", { type: "own", ownerId: actor.accountId });

export async function readMyNotifyEmail(ctx: AppContext, actor: Actor): Promise<NotifyEmailView> {
  own(actor);
  return await present(ctx, actor, await findNotifyAddress(ctx.db.db, actor.accountId));
}

/** The form a client is addressed in: their own choice, else their newest case's topic, else "Sie". */
export async function clientForm(ctx: AppContext, accountId: string): Promise<NoticeForm> {
  const row = await newestCaseForms(ctx.db.db, accountId);
  return row?.own ?? row?.topic ?? "formal";
}

export async function requestNotifyEmail(
  ctx: AppContext,
  actor: Actor,
  input: { address: string; language: "de" | "en"; newEnquiry?: boolean | undefined },
): Promise<NotifyEmailView> {
  own(actor);
  const mailer = ctx.mailer;
  if (!mailer) throw new AppError("unavailable", "E-mail notices are not set up on this server");
  await ensureEmailOffered(ctx, actor);
  const now = ctx.clock.now();
  const token = crypto.randomBytes(32).toString("base64url");
  const address = input.address.trim();
  const row: NotifyAddressRow = {
    account_id: actor.accountId,
    address_sealed: sealNotifyAddress(ctx.secrets.notifyKey, actor.accountId, address),
    language: input.language,
    confirmed_at: null,
    token_hash: tokenHash(token),
    token_expires_at: now + CONFIRM_LINK_TTL_MS,
    new_enquiry: actor.kind === "staff" && input.newEnquiry ? 1 : 0,
    created_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await storePendingAddress(trx, row);
    if (actor.kind === "staff" && input.newEnquiry !== undefined)
      await storeRule(trx, {
        account_id: actor.accountId,
        kind: "new_enquiry",
        channel: "email",
        enabled: input.newEnquiry,
        updated_at: now,
      });
    // Until the new address is confirmed, nothing is mailed to any address.
    if (actor.kind === "client") await setEmailNoticeChannel(trx, actor.accountId, false, now);
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "notify_email.requested",
      target: { type: "account", id: actor.accountId },
      data: { channel: "email" },
    });
  });
  const form = actor.kind === "client" ? await clientForm(ctx, actor.accountId) : "formal";
  const senderName =
    actor.kind === "client"
      ? defaultSenderName(input.language)
      : await senderNameOf(ctx.db.db, actor.organisationId, input.language);
  const notice = composeNotice({
    kind: "confirm",
    language: input.language,
    form,
    senderName,
    // In the fragment: never in a server's or proxy's access log, never in a Referer.
    link: `${ctx.config.publicUrl}/notify-email/confirm#token=${token}`,
  });
  try {
    await mailer.send({ to: address, senderName, language: input.language, ...notice });
  } catch {
    // The address stays stored, unconfirmed: the person tries again later. No detail (it could name the address).
    throw new AppError("unavailable", "The confirmation mail could not be sent; please try again later");
  }
  return await present(ctx, actor, row);
}

export async function confirmNotifyEmail(ctx: AppContext, token: string): Promise<void> {
  const now = ctx.clock.now();
  const confirmed = await ctx.db.db.transaction().execute(async (trx) => {
    const accountId = await confirmByToken(trx, tokenHash(token), now);
    if (!accountId) return false;
    const account = await accountKind(trx, accountId);
    if (account.kind === "client") await setEmailNoticeChannel(trx, accountId, true, now);
    await recordAudit(trx, now, {
      organisationId: account.organisation_id,
      actorId: accountId,
      action: "notify_email.confirmed",
      target: { type: "account", id: accountId },
      data: { channel: "email" },
    });
    return true;
  });
  if (!confirmed) throw new AppError("gone", "This confirmation link is unknown, used or expired");
}

export async function setMyNewEnquiryNotice(ctx: AppContext, actor: Actor, on: boolean): Promise<NotifyEmailView> {
  own(actor);
  if (actor.kind !== "staff") throw new AppError("forbidden", "Only staff are told of new enquiries");
  await storeRule(ctx.db.db, {
    account_id: actor.accountId,
    kind: "new_enquiry",
    channel: "email",
    enabled: on,
    updated_at: ctx.clock.now(),
  });
  return readMyNotifyEmail(ctx, actor);
}

export async function deleteMyNotifyEmail(ctx: AppContext, actor: Actor): Promise<NotifyEmailView> {
  own(actor);
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const deleted = await deleteNotifyAddress(trx, actor.accountId);
    if (actor.kind === "client") await setEmailNoticeChannel(trx, actor.accountId, false, now);
    if (deleted)
      await recordAudit(trx, now, {
        organisationId: actor.organisationId,
        actorId: actor.accountId,
        action: "notify_email.deleted",
        target: { type: "account", id: actor.accountId },
        data: { channel: "email" },
      });
  });
  return await present(ctx, actor, undefined);
}

export async function readNotificationSettings(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<NotificationSettingsView> {
  authorize(props.actor, "organisation.notification_settings.read", {
    type: "organisation",
    organisationId: props.orgId,
  });
  const db = ctx.db.db;
  return { senderName: await senderNameOf(db, props.orgId, "de"), ...(await orgNoticeRules(db, props.orgId)) };
}

export async function updateNotificationSettings(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; settings: NotificationSettingsBody },
): Promise<NotificationSettingsView> {
  authorize(props.actor, "organisation.notification_settings.update", {
    type: "organisation",
    organisationId: props.orgId,
  });
  const now = ctx.clock.now();
  const { senderName: rawName, ...changes } = props.settings;
  const senderName = rawName.trim();
  return ctx.db.db.transaction().execute(async (trx) => {
    await ensureOrganisation(trx, props.orgId);
    const rules = { ...(await orgNoticeRules(trx, props.orgId)), ...changes };
    // Weekdays in order (0 Sunday), as they are read back.
    if (rules.officeHours)
      rules.officeHours = { ...rules.officeHours, days: [...rules.officeHours.days].sort((a, b) => a - b) };
    await storeOrgNoticeRules(trx, props.orgId, senderName, rules, now);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "organisation.notification_settings_updated",
      target: { type: "organisation", id: props.orgId },
      data: {
        senderName,
        ...rules,
        officeHours: rules.officeHours
          ? `${rules.officeHours.days.join(",")} ${rules.officeHours.start}-${rules.officeHours.end} ${rules.officeHours.timeZone}`
          : null,
      },
    });
    return { senderName, ...rules };
  });
}
