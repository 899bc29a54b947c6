// SPDX-License-Identifier: AGPL-3.0-or-later
import { defaultRule, RuleKind, type NoticeChannel } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { mayNotify } from "../compliance";
import { clientOrganisations, orgNoticeRules, rulesFor } from "./store-rules";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The one preference check every sender asks (issue #17, ADR 0044), at
 * enqueueing (so nothing is queued that would not go out) and again at
 * sending (the person or the organisation may have changed their mind):
 * 1. the organisation: is the channel on at all, may clients use e-mail;
 * 2. a client: their channel preference (`mayNotify`; on with a confirmed
 *    address or a push subscription, off when they remove it);
 * 3. staff: their own switch for the kind and channel, else the privacy default.
 * A digest (kind `digest`) merges notices already checked: steps 1 and 2 only.
 */
export interface NoticeTarget {
  kind: string;
  channel: NoticeChannel;
  organisationId: string;
  audience: "client" | "staff";
}

/** Those of the recipients who want this notice on this channel (order kept). */
export async function recipientsWanting(db: Db, recipients: readonly string[], t: NoticeTarget): Promise<string[]> {
  if (recipients.length === 0) return [];
  const org = await orgNoticeRules(db, t.organisationId);
  if (t.channel === "email" && !org.emailEnabled) return [];
  if (t.channel === "push" && !org.pushEnabled) return [];
  if (t.audience === "client") {
    if (t.channel === "bell") return [];
    if (t.channel === "email" && !org.clientEmail) return [];
    const wanted: string[] = [];
    for (const id of recipients)
      if (await mayNotify(db, id, t.channel === "email" ? "emailNotice" : "push")) wanted.push(id);
    return wanted;
  }
  const kind = RuleKind.safeParse(t.kind);
  if (!kind.success) return [...recipients];
  const rules = await rulesFor(db, recipients, kind.data, t.channel);
  const fallback = defaultRule(kind.data, t.channel);
  return recipients.filter((id) => rules.get(id) ?? fallback);
}

export async function wantsNotice(db: Db, recipientId: string, t: NoticeTarget): Promise<boolean> {
  return (await recipientsWanting(db, [recipientId], t)).length === 1;
}

/**
 * Whether the account page offers a channel to this person at all (ADR 0044): staff by their organisation's
 * rules; a client (who belongs to no organisation) when at least one organisation they have a case with
 * allows it, or before their first case. Sending still asks `wantsNotice` with the event's organisation.
 */
export async function channelOffered(
  db: Db,
  actor: { kind: "client" | "staff"; accountId: string; organisationId: string | null },
  channel: "email" | "push",
): Promise<boolean> {
  const orgs =
    actor.kind === "staff"
      ? actor.organisationId
        ? [actor.organisationId]
        : []
      : await clientOrganisations(db, actor.accountId);
  if (orgs.length === 0) return true;
  for (const orgId of orgs) {
    const org = await orgNoticeRules(db, orgId);
    const on = channel === "email" ? org.emailEnabled && (actor.kind === "staff" || org.clientEmail) : org.pushEnabled;
    if (on) return true;
  }
  return false;
}
