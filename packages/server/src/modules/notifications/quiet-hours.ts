// SPDX-License-Identifier: AGPL-3.0-or-later
import type { QuietHoursView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import { authorize } from "../../policies";
import { minutesOf, timeOf, type QuietWindow } from "./quiet-time";
import { deleteQuietHours, findQuietHours, storeQuietHours, type QuietHoursRow } from "./store-quiet";

/**
 * A person's own quiet hours (ADR 0041): set and read on the account page,
 * by clients and staff alike. Only the owner reads them; the audit records
 * that they changed, not the hours (they hint at a person's day).
 */
const own = (actor: Actor) => authorize(actor, "quiet_hours.own", { type: "own", ownerId: actor.accountId });

export function windowOf(row: QuietHoursRow): QuietWindow {
  return {
    startMinute: Number(row.start_minute),
    endMinute: Number(row.end_minute),
    timeZone: row.time_zone,
    weekends: Number(row.weekends) === 1,
  };
}

function present(row: QuietHoursRow | undefined): QuietHoursView {
  return {
    quietHours: row
      ? {
          start: timeOf(Number(row.start_minute)),
          end: timeOf(Number(row.end_minute)),
          timeZone: row.time_zone,
          weekends: Number(row.weekends) === 1,
        }
      : null,
  };
}

export async function readMyQuietHours(ctx: AppContext, actor: Actor): Promise<QuietHoursView> {
  own(actor);
  return present(await findQuietHours(ctx.db.db, actor.accountId));
}

export async function setMyQuietHours(ctx: AppContext, actor: Actor, input: QuietHoursView): Promise<QuietHoursView> {
  own(actor);
  const now = ctx.clock.now();
  const q = input.quietHours;
  const row: QuietHoursRow | undefined = q
    ? {
        account_id: actor.accountId,
        start_minute: minutesOf(q.start),
        end_minute: minutesOf(q.end),
        time_zone: q.timeZone,
        weekends: q.weekends === true ? 1 : 0,
        updated_at: now,
      }
    : undefined;
  await ctx.db.db.transaction().execute(async (trx) => {
    let changed = true;
    if (row) await storeQuietHours(trx, row);
    else changed = await deleteQuietHours(trx, actor.accountId);
    if (changed)
      await recordAudit(trx, now, {
        organisationId: actor.organisationId,
        actorId: actor.accountId,
        action: "quiet_hours.updated",
        target: { type: "account", id: actor.accountId },
        data: { on: row !== undefined },
      });
  });
  return present(row);
}
