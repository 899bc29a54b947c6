// SPDX-License-Identifier: AGPL-3.0-or-later
import { PushPayload } from "@obhut/protocol";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { enqueueJobs } from "../../infra/jobs/queue";
import { deferIfQuiet } from "./defer";
import { pushFailure } from "./failure";
import { wantsNotice } from "./preferences";
import { NOTICE_MAX_AGE_MS, rateLimited, recordSent } from "./rules";
import { recordDelivery, wasDelivered } from "./store";
import { accountsWithPush, listPushSubscriptionsOf, markPushSent, prunePushSubscription } from "./store-push";

/**
 * Content-free Web Push through the same durable queue, limits and checks as
 * the e-mail notice (ADR 0034, ADR 0038). One job per event and recipient
 * (`<event>:<recipient>:push`); it pushes to each of the recipient's
 * subscriptions and notes each accepted push under `<key>:<subscription>`,
 * so a retry after a push service failed sends only to the ones still owed.
 * The payload is a kind and a path in the app: the service worker shows a
 * neutral text and nothing else reaches the push service or the device.
 */
export const PUSH_NOTICE_JOB = "notify.push";
const CHANNEL = "push";
/** Per-subscription progress of a job; not counted by the rate limit, which counts whole notices. */
const DEVICE_CHANNEL = "push_device";

export const PushKind = PushPayload.shape.kind;
export type PushKind = z.infer<typeof PushKind>;

const Payload = z
  .object({
    kind: PushKind,
    eventAt: z.number(),
    recipientId: z.string(),
    organisationId: z.string(),
    audience: z.enum(["client", "staff"]),
  })
  .strict();
type Payload = z.infer<typeof Payload>;

/** Enqueues a push notice for each recipient with a subscription; the ones enqueued. Inside the event's transaction. */
export async function enqueuePushNotices(
  db: Kysely<Database>,
  now: number,
  props: {
    eventId: string;
    kind: PushKind;
    organisationId: string;
    audience: "client" | "staff";
    recipients: readonly string[];
  },
): Promise<string[]> {
  const subscribed = await accountsWithPush(db, props.recipients);
  const recipients = props.recipients.filter((r) => subscribed.has(r));
  await enqueueJobs(
    db,
    now,
    recipients.map((recipientId) => ({
      job: PUSH_NOTICE_JOB,
      id: `${props.eventId}:${recipientId}:${CHANNEL}`,
      payload: {
        kind: props.kind,
        eventAt: now,
        recipientId,
        organisationId: props.organisationId,
        audience: props.audience,
      } satisfies Payload,
    })),
  );
  return recipients;
}

/** Everything a pushed notice carries: the kind (for the service worker's tag) and the page to open. */
export function pushPayload(kind: PushKind, audience: "client" | "staff"): PushPayload {
  return { kind, path: audience === "client" ? "/" : "/staff" };
}

type Skip = "stale" | "duplicate" | "not_allowed" | "rate_limited" | "no_subscription" | "gone" | "deferred";

export async function runPushNotice(ctx: AppContext, raw: unknown, key: string, now: number): Promise<void> {
  const p = Payload.parse(raw);
  const skipped = await deliverPush(ctx, p, key, now);
  if (skipped) ctx.metrics.notices.inc({ channel: CHANNEL, outcome: skipped });
}

async function deliverPush(ctx: AppContext, p: Payload, key: string, now: number): Promise<Skip | undefined> {
  const db = ctx.db.db;
  if (now - p.eventAt > NOTICE_MAX_AGE_MS) return "stale";
  if (await wasDelivered(db, key)) return "duplicate";
  // The one preference check (ADR 0044): the organisation's channels; a client's push follows their
  // subscriptions (on with the first, off with the last: mayNotify); staff's own switches.
  const target = { kind: p.kind, channel: CHANNEL, organisationId: p.organisationId, audience: p.audience } as const;
  if (!(await wantsNotice(db, p.recipientId, target))) return "not_allowed";
  if (await deferIfQuiet(db, now, { key, channel: CHANNEL, ...p, form: "formal" })) return "deferred";
  if (await rateLimited(db, p.recipientId, p.kind, now, CHANNEL)) return "rate_limited";
  const subscriptions = await listPushSubscriptionsOf(db, p.recipientId);
  if (subscriptions.length === 0) return "no_subscription";
  const sent = await pushToDevices(ctx, { key, recipientId: p.recipientId, kind: p.kind, audience: p.audience }, now);
  if (sent === 0) return "gone";
  await recordSent(ctx, now, { key, channel: CHANNEL, ...p });
  return undefined;
}

/**
 * Pushes one notice to each of the recipient's subscriptions and notes each
 * accepted push under `<key>:<subscription>`, so a retry after a push service
 * failed sends only to the ones still owed. The number of devices reached;
 * throws (the queue retries) when a push service failed.
 */
export async function pushToDevices(
  ctx: AppContext,
  p: { key: string; recipientId: string; kind: PushKind; audience: "client" | "staff" },
  now: number,
): Promise<number> {
  const db = ctx.db.db;
  const body = JSON.stringify(pushPayload(p.kind, p.audience));
  let sent = 0;
  let failure: Error | undefined;
  for (const s of await listPushSubscriptionsOf(db, p.recipientId)) {
    const deviceKey = `${p.key}:${s.id}`;
    if (await wasDelivered(db, deviceKey)) {
      sent++;
      continue;
    }
    try {
      const outcome = await ctx.push.send(s, body);
      if (outcome === "gone") {
        // 404/410: the browser unsubscribed or the push service dropped it; it will never work again.
        await prunePushSubscription(db, s.id);
        ctx.metrics.notices.inc({ channel: CHANNEL, outcome: "pruned" });
        continue;
      }
      sent++;
      await recordDelivery(db, {
        id: deviceKey,
        account_id: p.recipientId,
        kind: p.kind,
        channel: DEVICE_CHANNEL,
        sent_at: now,
      });
      await markPushSent(db, s.id, now);
    } catch (err) {
      failure ??= err as Error;
    }
  }
  // One push service down: the queue retries with backoff; the ones that accepted are not pushed to again.
  if (failure) throw pushFailure(failure);
  return sent;
}
