// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { NotFoundError } from "../../core/errors";
import { sha256 } from "../../core/ids";
import { authorize } from "../../policies";
import { appointmentsOfCounsellor, deleteFeed, feedByHash, replaceFeed } from "./store";

/**
 * A staff member's calendar feed (ADR 0052): a secret address their calendar
 * program subscribes to. Each event says only "Obhut-Termin" and links to the
 * app — no pseudonym, no topic, no kind — so it may sit in an Exchange or
 * Google calendar. The server keeps the token's hash; making a new address
 * revokes the old one.
 */

const DAY_MS = 86_400_000;
/** Past appointments stay in the feed for a while, so a calendar does not lose yesterday's entry at once. */
const FEED_PAST_MS = 30 * DAY_MS;

export async function createCalendarFeed(
  ctx: AppContext,
  props: { actor: Actor },
): Promise<{ path: string; createdAt: number }> {
  const { actor } = props;
  authorize(actor, "appointment.availability", { type: "own", ownerId: actor.accountId });
  const orgId = actor.organisationId;
  if (orgId === null) throw new NotFoundError("No organisation");
  const token = crypto.randomBytes(32).toString("base64url");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await replaceFeed(trx, {
      account_id: actor.accountId,
      organisation_id: orgId,
      token_hash: sha256(token),
      created_at: now,
    });
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "calendar_feed.created",
      target: { type: "account", id: actor.accountId },
    });
  });
  return { path: `/api/calendar/${token}.ics`, createdAt: now };
}

export async function revokeCalendarFeed(ctx: AppContext, props: { actor: Actor }): Promise<void> {
  const { actor } = props;
  authorize(actor, "appointment.availability", { type: "own", ownerId: actor.accountId });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    if ((await deleteFeed(trx, actor.accountId)) === 0) return;
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "calendar_feed.revoked",
      target: { type: "account", id: actor.accountId },
    });
  });
}

/** The ICS text of the feed behind `token` (with ".ics"); an unknown or revoked token is not found. */
export async function calendarFeedText(ctx: AppContext, props: { token: string }): Promise<string> {
  const token = props.token.replace(/\.ics$/, "");
  const feed = await feedByHash(ctx.db.db, sha256(token));
  if (!feed) throw new NotFoundError("No such calendar");
  const now = ctx.clock.now();
  const rows = await appointmentsOfCounsellor(ctx.db.db, feed.account_id, now - FEED_PAST_MS);
  const link = new URL("/appointments", ctx.config.publicUrl).toString();
  return renderIcs(
    rows.map((r) => ({ uid: r.id, startsAt: r.starts_at, endsAt: r.ends_at })),
    link,
    now,
  );
}

/** 20261208T091500Z */
function icsTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function renderIcs(events: { uid: string; startsAt: number; endsAt: number }[], link: string, now: number) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Obhut//Termine//DE",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:Obhut",
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}@obhut`,
      `DTSTAMP:${icsTime(now)}`,
      `DTSTART:${icsTime(e.startsAt)}`,
      `DTEND:${icsTime(e.endsAt)}`,
      // Only this, by design: the calendar may be synced to a third party.
      "SUMMARY:Obhut-Termin",
      `URL:${link}`,
      `DESCRIPTION:${link}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.join("\r\n") + "\r\n";
}
