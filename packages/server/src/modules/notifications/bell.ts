// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { STAFF_NOTIFICATIONS_LIMIT, type StaffNotificationKind, type StaffNotificationsView } from "@obhut/protocol";
import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { authorize } from "../../policies";
import { enqueuePushNotices } from "./deliver-push";
import { enqueueNotices } from "./email-job";
import { recipientsWanting } from "./preferences";
import {
  confirmedAmong,
  countUnread,
  insertStaffNotifications,
  listStaffNotifications,
  markRead,
  teamStaff,
  type StaffNotificationRow,
} from "./store-bell";

/**
 * The staff bell (ADR 0038): every staff event is stored once per recipient
 * (kind, case, time, read) and offered as a push notice to those who
 * subscribed a device, in the transaction that stores the event. The bell
 * shows a kind and links to the case; what happened in it the case shows
 * after its own access checks.
 */
export const BELL_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** The bell entry's id: event and recipient, hashed to the protocol's id shape. */
function entryId(eventId: string, recipientId: string): string {
  return crypto.createHash("sha256").update(`${eventId}\u0000${recipientId}`).digest("base64url").slice(0, 32);
}

export interface StaffEvent {
  /** Unique per event (e.g. `enquiry:<case id>`): the idempotency key of every channel. */
  eventId: string;
  kind: StaffNotificationKind;
  organisationId: string;
  caseId: string | null;
  recipients: readonly string[];
}

/**
 * Stores the bell entries and enqueues the pushes and e-mails, each only for
 * the recipients whose rules want it on that channel (ADR 0044); the bell's
 * recipients (for a live wake-up after commit). The e-mail goes to those with
 * a confirmed address, in the formal form (staff are addressed with "Sie").
 */
export async function noticeStaffEvent(db: Kysely<Database>, now: number, event: StaffEvent): Promise<string[]> {
  const recipients = [...new Set(event.recipients)];
  const target = { kind: event.kind, organisationId: event.organisationId, audience: "staff" } as const;
  const bell = await recipientsWanting(db, recipients, { ...target, channel: "bell" });
  await insertStaffNotifications(
    db,
    bell.map((accountId) => ({
      id: entryId(event.eventId, accountId),
      account_id: accountId,
      organisation_id: event.organisationId,
      kind: event.kind,
      case_id: event.caseId,
      created_at: now,
      read_at: null,
    })),
  );
  await enqueuePushNotices(db, now, {
    eventId: event.eventId,
    kind: event.kind,
    organisationId: event.organisationId,
    audience: "staff",
    recipients: await recipientsWanting(db, recipients, { ...target, channel: "push" }),
  });
  const mailed = await recipientsWanting(db, await confirmedAmong(db, recipients), { ...target, channel: "email" });
  await enqueueNotices(
    db,
    now,
    event.eventId,
    mailed.map((recipientId) => ({
      kind: event.kind,
      eventAt: now,
      recipientId,
      organisationId: event.organisationId,
      form: "formal" as const,
    })),
  );
  return bell;
}

/** Staff of a team (for a new enquiry), or only its leads (break-glass), without the one who acted. */
export async function teamRecipients(
  db: Kysely<Database>,
  teamId: string,
  props: { leads?: boolean; except?: string | null } = {},
): Promise<string[]> {
  const ids = await teamStaff(db, teamId, props.leads ? { leads: true } : {});
  return ids.filter((id) => id !== props.except);
}

function present(rows: StaffNotificationRow[], unread: number): StaffNotificationsView {
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      caseId: r.case_id,
      createdAt: Number(r.created_at),
      read: r.read_at !== null,
    })),
    unread,
  };
}

const own = (actor: Actor) => authorize(actor, "staff_notifications.own", { type: "own", ownerId: actor.accountId });

export async function readMyNotifications(ctx: AppContext, actor: Actor): Promise<StaffNotificationsView> {
  own(actor);
  const db = ctx.db.db;
  return present(
    await listStaffNotifications(db, actor.accountId, STAFF_NOTIFICATIONS_LIMIT),
    await countUnread(db, actor.accountId),
  );
}

export async function markMyNotificationsRead(
  ctx: AppContext,
  actor: Actor,
  which: { ids: string[] } | { all: true },
): Promise<StaffNotificationsView> {
  own(actor);
  await markRead(ctx.db.db, actor.accountId, "all" in which ? "all" : which.ids, ctx.clock.now());
  return readMyNotifications(ctx, actor);
}
