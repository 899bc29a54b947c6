// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import type { CaseUpdate } from "./store";

/**
 * Bus topic of case changes. Every node receives every event and hands the
 * `case` frame to the sockets of the listed accounts it holds (realtime/
 * socket.ts). Events carry ids and the state only, never content; they are
 * wake-ups: the browser fetches the case for details, and a lost event is
 * repaired by the next fetch.
 */
export const CASES_TOPIC = "cases";

export function publishCaseUpdate(ctx: AppContext, update: CaseUpdate): void {
  ctx.bus
    .publish(CASES_TOPIC, {
      type: "case",
      caseId: update.caseId,
      state: update.state,
      assigneeId: update.assigneeId,
      teamId: update.teamId,
      accountIds: [...new Set(update.accountIds)],
    })
    .catch((err: Error) => ctx.logger.warn({ err: { name: err.name } }, "could not publish a case update"));
}
