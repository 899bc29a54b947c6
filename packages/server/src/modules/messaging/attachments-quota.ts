// SPDX-License-Identifier: AGPL-3.0-or-later
import { ATTACHMENT_LIMITS } from "@obhut/protocol";
import type { Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError } from "../../core/errors";
import { recordAudit } from "../../core/audit";
import type { ConversationActor as PolicyActor } from "../../policies";
import {
  findStorageAlertLevel,
  lockReservation,
  storageUsed,
  storeStorageAlertLevel,
  usedByAccount,
} from "./store-quota";

/**
 * Storage quotas of attachments (issue #13, 11). Three caps, each on live
 * bytes — pending uploads with their declared size plus completed ones:
 * the uploader's account (small for clients, whose accounts anyone can
 * create), the organisation whose conversation it is (`--org-storage-cap`),
 * and the instance (`--instance-storage-cap`, off by default).
 *
 * Why parallel uploads cannot overshoot: the whole declared size is reserved
 * (the attachment row is inserted) in the same transaction that sums the
 * usage, and every reservation of the same account, organisation or
 * instance runs that transaction one at a time — SQLite has one writer, on
 * PostgreSQL transaction-scoped advisory locks serialise them. Chunks can
 * only fill what was reserved (exact sizes, `complete` checks the total), so
 * a cap is never exceeded, not even by one chunk.
 *
 * Admins are alerted when their organisation crosses 80 % and 100 % of its
 * cap: an audit event `organisation.storage_threshold {percent, usedBytes,
 * capBytes}` once per crossing, and a counter for monitoring.
 */

export type QuotaScope = "account" | "organisation" | "instance";

const REFUSALS: Record<QuotaScope, string> = {
  account: "Your attachment storage is full; delete attachments you no longer need",
  organisation: "This organisation's attachment storage is full",
  instance: "This server's attachment storage is full",
};

export class QuotaExceededError extends AppError {
  readonly scope: QuotaScope;
  constructor(scope: QuotaScope) {
    super("quota_exceeded", REFUSALS[scope], { details: { scope } });
    this.scope = scope;
  }
}

export const STORAGE_THRESHOLD_ACTION = "organisation.storage_threshold";
/** Percentages of the organisation's cap that alert admins, lowest first. */
const ALERT_PERCENTS = [80, 100] as const;

export function accountQuota(actor: PolicyActor): number {
  return actor.kind === "client" ? ATTACHMENT_LIMITS.clientQuotaBytes : ATTACHMENT_LIMITS.staffQuotaBytes;
}

type Trx = Transaction<Database>;

/** The alert level for `used` of `cap`: the highest threshold reached, 0 below the lowest. */
export function storageLevel(used: number, cap: number): number {
  let level = 0;
  for (const percent of ALERT_PERCENTS) if (used * 100 >= cap * percent) level = percent;
  return level;
}

/**
 * Records a change of the organisation's alert level. Upwards, each
 * threshold alerts once; the level only falls back (and re-arms the alerts)
 * once usage is below the lowest threshold, so uploads hovering at the cap
 * do not alert again and again. Returns the threshold crossed upwards, if any.
 */
async function noteLevel(
  trx: Trx,
  now: number,
  org: { id: string; cap: number },
  used: number,
  full: boolean,
): Promise<number | null> {
  const level = full ? 100 : storageLevel(used, org.cap);
  const last = await findStorageAlertLevel(trx, org.id);
  if (level === last || (level > 0 && level < last)) return null;
  await storeStorageAlertLevel(trx, org.id, level, now);
  await recordAudit(trx, now, {
    organisationId: org.id,
    actorId: null,
    action: STORAGE_THRESHOLD_ACTION,
    target: { type: "organisation", id: org.id },
    data: { percent: level, usedBytes: used, capBytes: org.cap },
  });
  return level > last ? level : null;
}

export interface Reservation {
  /** The cap that refused the upload, or null when it was reserved. */
  refused: QuotaScope | null;
  /** The threshold of the organisation's cap this reservation (or refusal) crossed upwards. */
  crossed: number | null;
}

/**
 * Checks all three caps for `size` more bytes and, when they allow it,
 * inserts the reservation with `reserve` — in the caller's transaction.
 * A refusal is returned rather than thrown so that the caller can commit the
 * alert it may have recorded.
 */
export async function reserveStorage(
  ctx: AppContext,
  trx: Trx,
  props: { actor: PolicyActor; organisationId: string | null; size: number; reserve: () => Promise<void> },
): Promise<Reservation> {
  const { actor, organisationId, size } = props;
  const { orgStorageCap, instanceStorageCap } = ctx.config;
  const org =
    organisationId !== null && orgStorageCap !== undefined ? { id: organisationId, cap: orgStorageCap } : null;
  if (ctx.db.dialect === "postgres") {
    // Always in this order (instance, organisation, account), so two reservations never wait on each other.
    if (instanceStorageCap !== undefined) await lockReservation(trx, "instance");
    if (org) await lockReservation(trx, `organisation:${org.id}`);
    await lockReservation(trx, `account:${actor.accountId}`);
  }
  if ((await usedByAccount(trx, actor.accountId)) + size > accountQuota(actor))
    return { refused: "account", crossed: null };
  const orgUsed = org ? await storageUsed(trx, org.id) : 0;
  let refused: QuotaScope | null = null;
  if (org && orgUsed + size > org.cap) refused = "organisation";
  else if (instanceStorageCap !== undefined && (await storageUsed(trx, null)) + size > instanceStorageCap)
    refused = "instance";
  if (refused === null) await props.reserve();
  const crossed = org
    ? await noteLevel(
        trx,
        ctx.clock.now(),
        org,
        refused === null ? orgUsed + size : orgUsed,
        refused === "organisation",
      )
    : null;
  return { refused, crossed };
}

/** The organisation's usage against its cap, for the admin console. */
export async function organisationStorage(
  ctx: AppContext,
  organisationId: string,
): Promise<{ usedBytes: number; capBytes: number | null }> {
  return { usedBytes: await storageUsed(ctx.db.db, organisationId), capBytes: ctx.config.orgStorageCap ?? null };
}
