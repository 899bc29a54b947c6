// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError } from "@obhut/crypto";
import type { GetOwedRotations, OwedCaseConversation } from "@obhut/protocol";
import type { ApiClient, Endpoint } from "../api/client";
import { caseKeyContext } from "../counsellor/staff-keys";
import { getCase } from "../messaging/endpoints";
import { staffCaseRotator } from "../messaging/staff-rotation";
import type { CaseKeyContext, StaffKeyring } from "../messaging/team-keys";

/**
 * Owed epochs in the console (issue #14; ADR 0042). After a departure every conversation the person could read
 * owes a new epoch (ADR 0029), made by the next browser allowed to open it. The console shows how many are still
 * owed, and an administrator who leads a case's team (common in a small organisation) can renew
 * those case conversations here at once, one after another, in the background of the page.
 */
export const getOwedRotations: Endpoint<typeof GetOwedRotations> = {
  method: "GET",
  path: "/api/organisations/:orgId/owed-rotations",
};

export interface RenewProgress {
  done: number;
  failed: number;
  total: number;
}

/**
 * Makes the next epoch of each owed case conversation in this browser, as the case page would when it is opened
 * (`staffCaseRotator`: the client as participant, or me for the notes; the team's current key and the archive
 * key from a freshly verified log). One failure does not stop the rest — e.g. the team key is not renewed yet
 * (`key_rotation_pending`) or a colleague's case needs break glass: those stay owed for the next team member who
 * opens them. Stops early when `signal` aborts (the page was left).
 */
export async function renewOwedEpochs(props: {
  api: ApiClient;
  ring: StaffKeyring;
  owed: readonly OwedCaseConversation[];
  onProgress: (progress: RenewProgress) => void;
  signal?: AbortSignal;
  clock?: () => number;
}): Promise<RenewProgress> {
  const progress: RenewProgress = { done: 0, failed: 0, total: props.owed.length };
  const contexts = new Map<string, CaseKeyContext>();
  for (const item of props.owed) {
    if (props.signal?.aborted) break;
    try {
      let ctx = contexts.get(item.caseId);
      if (!ctx) {
        const { case: view } = await props.api.request(getCase, { params: { caseId: item.caseId } });
        ctx = caseKeyContext(view);
        contexts.set(item.caseId, ctx);
      }
      props.ring.refresh();
      const previous = (await props.ring.caseRecords(ctx, item.conversationId)).at(-1);
      if (!previous) throw new CryptoError("unknown_key", "the conversation has no epoch yet");
      await staffCaseRotator(props.ring, ctx, item.conversationId, props.api, props.clock).rotate(previous);
      progress.done += 1;
    } catch {
      progress.failed += 1;
    }
    props.onProgress({ ...progress });
  }
  return progress;
}
