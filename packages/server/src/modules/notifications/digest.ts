// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { wantsNotice } from "./preferences";
import { DigestPayload, enqueueDigest, heldUntil } from "./defer";
import { pushToDevices } from "./deliver-push";
import { mailFailure } from "./failure";
import { NOTICE_MAX_AGE_MS, rateLimited, recordSent } from "./rules";
import { openNotifyAddress } from "./seal";
import { loginLink, senderNameOf } from "./sender";
import { findNotifyAddress, wasDelivered } from "./store";
import { deleteDeferred, extendDeferred, listDeferred } from "./store-quiet";
import { composeNotice } from "./templates";

/**
 * The digest at the end of a person's quiet hours (ADR 0041): everything held
 * back on one channel becomes one notice that says how many — "3 neue
 * Nachrichten" — and nothing else. The checks of a single notice apply again
 * at sending time (address still confirmed, channel still allowed, the daily
 * bound); held notices older than a day are dropped, as single ones are.
 * The organisation's office hours (ADR 0051) hold staff's case work the same way.
 */
type Skip = "duplicate" | "empty" | "still_quiet" | "no_address" | "not_allowed" | "rate_limited" | "no_smtp" | "gone";

export async function runDigest(ctx: AppContext, raw: unknown, key: string, now: number): Promise<void> {
  const p = DigestPayload.parse(raw);
  const skipped = await deliverDigest(ctx, p, key, now);
  if (skipped) ctx.metrics.notices.inc({ channel: p.channel, outcome: `digest_${skipped}` });
}

async function deliverDigest(ctx: AppContext, p: DigestPayload, key: string, now: number): Promise<Skip | undefined> {
  const db = ctx.db.db;
  if (await wasDelivered(db, key)) return "duplicate";
  const held = await listDeferred(db, p.recipientId, p.channel, now);
  // A notice held over a closed weekend is not stale on Monday morning: its age counts from the end of its
  // hold, so only a digest run a day late (an outage) finds its notices too old (rows from before migration
  // 0041 have no end stored: from when they were held).
  const stale = held.filter((h) => now - Number(h.held_until ?? h.deferred_at) > NOTICE_MAX_AGE_MS);
  await deleteDeferred(
    db,
    stale.map((h) => h.id),
  );
  const fresh = held.filter((h) => !stale.includes(h));
  if (fresh.length === 0) return "empty";
  // The person moved their quiet hours, or the organisation its office hours, since: what is still held waits
  // for the new end under a digest of its own; the rest goes now.
  const due: typeof fresh = [];
  const still: string[] = [];
  let later: number | null = null;
  // One answer per kind: the hold depends on the person, the organisation and the kind only.
  const untilOf = new Map<string, number | null>();
  for (const h of fresh) {
    if (!untilOf.has(h.kind)) untilOf.set(h.kind, await heldUntil(db, now, { ...p, kind: h.kind }));
    const until = untilOf.get(h.kind) ?? null;
    if (until === null) due.push(h);
    else {
      still.push(h.id);
      later = later === null ? until : Math.min(later, until);
    }
  }
  if (later !== null) {
    await extendDeferred(db, still, later);
    await enqueueDigest(db, now, { ...p, eventAt: later });
  }
  if (due.length === 0) return "still_quiet";
  const drop = async (reason: Skip): Promise<Skip> => {
    await deleteDeferred(
      db,
      due.map((h) => h.id),
    );
    return reason;
  };

  if (await rateLimited(db, p.recipientId, "digest", now, p.channel)) return drop("rate_limited");
  // The one preference check (ADR 0044) for kind `digest`: the organisation's channel, a client's preference.
  const target = {
    kind: "digest",
    channel: p.channel,
    organisationId: p.organisationId,
    audience: p.audience,
  } as const;
  if (!(await wantsNotice(db, p.recipientId, target))) return drop("not_allowed");

  if (p.channel === "email") {
    const row = await findNotifyAddress(db, p.recipientId);
    if (!row || row.confirmed_at === null) return drop("no_address");
    if (!ctx.mailer) return "no_smtp";
    const language = row.language;
    const senderName = await senderNameOf(db, p.organisationId, language);
    const notice = composeNotice({
      kind: "digest",
      language,
      form: p.form,
      senderName,
      link: loginLink(ctx),
      count: due.length,
      audience: p.audience,
    });
    try {
      await ctx.mailer.send({
        to: openNotifyAddress(ctx.secrets.notifyKey, p.recipientId, row.address_sealed),
        senderName,
        language,
        ...notice,
      });
    } catch (err) {
      throw mailFailure(err);
    }
  } else {
    const sent = await pushToDevices(
      ctx,
      { key, recipientId: p.recipientId, kind: "digest", audience: p.audience },
      now,
    );
    if (sent === 0) return drop("gone");
  }
  await recordSent(ctx, now, {
    key,
    channel: p.channel,
    kind: "digest",
    recipientId: p.recipientId,
    organisationId: p.organisationId,
  });
  await deleteDeferred(
    db,
    due.map((h) => h.id),
  );
  return undefined;
}
