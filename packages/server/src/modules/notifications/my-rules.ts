// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  defaultRule,
  RULE_CHANNELS_BY_ROLE,
  RULE_KINDS_BY_ROLE,
  type NoticeChannel,
  type NotificationRule,
  type NotificationRulesView,
  type RuleKind,
} from "@obhut/protocol";
import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import { AppError } from "../../core/errors";
import type { Database } from "../../infra/db/schema";
import { authorize } from "../../policies";
import { leadsAnyTeam, listRules, orgNoticeRules, storeRule } from "./store-rules";

/**
 * A person's own switches per event and channel (issue #17, ADR 0044), read
 * and set on the account page. The list has every kind of the person's role
 * on every channel the organisation offers, defaults filled in; a channel the
 * organisation switched off is not listed and cannot be set. The audit records
 * that the rules changed and how many, not which (they say when a person wants
 * to be reached).
 */
const own = (actor: Actor) => authorize(actor, "notification_rules.own", { type: "own", ownerId: actor.accountId });

type StaffRole = keyof typeof RULE_KINDS_BY_ROLE;
const isStaffRole = (role: string): role is StaffRole => role in RULE_KINDS_BY_ROLE;

/** The kinds and channels a person may switch: their role's, less the channels the organisation switched off. */
export async function offeredRules(
  db: Kysely<Database>,
  actor: Actor,
): Promise<{ kinds: readonly RuleKind[]; channels: NoticeChannel[] }> {
  if (!isStaffRole(actor.role) || !actor.organisationId) return { kinds: [], channels: [] };
  // A counsellor who leads a team is told what a team lead is told (leading is per team: team_members.role).
  const role: StaffRole =
    actor.role === "counsellor" && (await leadsAnyTeam(db, actor.accountId)) ? "team_lead" : actor.role;
  const org = await orgNoticeRules(db, actor.organisationId);
  const channels = RULE_CHANNELS_BY_ROLE[role].filter(
    (c) => (c !== "email" || org.emailEnabled) && (c !== "push" || org.pushEnabled),
  );
  return { kinds: RULE_KINDS_BY_ROLE[role], channels };
}

export async function readMyNotificationRules(ctx: AppContext, actor: Actor): Promise<NotificationRulesView> {
  own(actor);
  const db = ctx.db.db;
  const { kinds, channels } = await offeredRules(db, actor);
  const stored = new Map((await listRules(db, actor.accountId)).map((r) => [`${r.kind}/${r.channel}`, r.enabled]));
  const rules: NotificationRule[] = [];
  for (const kind of kinds)
    for (const channel of channels)
      rules.push({ kind, channel, on: stored.get(`${kind}/${channel}`) ?? defaultRule(kind, channel) });
  return { rules };
}

export async function setMyNotificationRules(
  ctx: AppContext,
  actor: Actor,
  rules: readonly NotificationRule[],
): Promise<NotificationRulesView> {
  own(actor);
  const db = ctx.db.db;
  const { kinds, channels } = await offeredRules(db, actor);
  for (const r of rules)
    if (!kinds.includes(r.kind) || !channels.includes(r.channel))
      throw new AppError("bad_request", "This notice is not offered for your role or organisation");
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    for (const r of rules)
      await storeRule(trx, {
        account_id: actor.accountId,
        kind: r.kind,
        channel: r.channel,
        enabled: r.on,
        updated_at: now,
      });
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "notification_rules.updated",
      target: { type: "account", id: actor.accountId },
      data: { count: rules.length },
    });
  });
  return readMyNotificationRules(ctx, actor);
}
